import { Rng, RnnkitError } from "@rnnkit/core-tensor";
import type { TextPair } from "../data/text-pair.js";

export interface GenerateDatePairsOptions {
  /** Number of pairs; every pair has a different date. */
  count: number;
  /** Seed or generator (default seed 0). */
  seed?: number | Rng;
  /** First and last year of the dates (default 1950–2049, so a two-digit year yy is 19yy when ≥ 50). */
  startYear?: number;
  endYear?: number;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

interface Parts {
  y: number;
  m: number;
  d: number;
  weekday: number;
}

const two = (n: number): string => String(n).padStart(2, "0");
const short = (name: string): string => name.slice(0, 3);
const ordinal = (d: number): string => {
  const suffix =
    d % 10 === 1 && d !== 11
      ? "st"
      : d % 10 === 2 && d !== 12
        ? "nd"
        : d % 10 === 3 && d !== 13
          ? "rd"
          : "th";
  return `${d}${suffix}`;
};

/**
 * The formats a person might write a date in. Numeric day/month orders are day first (European)
 * only, so every source has one reading; two-digit years are yy → 19yy (yy ≥ 50) or 20yy.
 */
const FORMATS: readonly ((p: Parts) => string)[] = [
  (p) => `${p.d} ${MONTHS[p.m - 1]} ${p.y}`, // 3 March 2021
  (p) => `${two(p.d)}/${two(p.m)}/${two(p.y % 100)}`, // 03/03/21
  (p) => `${MONTHS[p.m - 1]} ${p.d}, ${p.y}`, // March 3, 2021
  (p) => `${p.y}.${p.m}.${p.d}`, // 2021.3.3
  (p) =>
    `${short(WEEKDAYS[p.weekday] as string)}, ${p.d} ${short(MONTHS[p.m - 1] as string)} ${p.y}`, // Wed, 3 Mar 2021
  (p) => `${p.d} ${short(MONTHS[p.m - 1] as string)} ${p.y}`, // 3 Mar 2021
  (p) => `${short(MONTHS[p.m - 1] as string)} ${p.d} ${p.y}`, // Mar 3 2021
  (p) => `${two(p.d)}.${two(p.m)}.${p.y}`, // 03.03.2021
  (p) => `${WEEKDAYS[p.weekday]}, ${MONTHS[p.m - 1]} ${p.d}, ${p.y}`, // Wednesday, March 3, 2021
  (p) => `${ordinal(p.d)} of ${MONTHS[p.m - 1]}, ${p.y}`, // 3rd of March, 2021
  (p) => `${p.y}-${two(p.m)}-${two(p.d)}`, // 2021-03-03
  (p) => `${two(p.d)}-${short(MONTHS[p.m - 1] as string)}-${p.y}`, // 03-Mar-2021
  (p) => `${(MONTHS[p.m - 1] as string).toLowerCase()} ${ordinal(p.d)} ${p.y}`, // march 3rd 2021
  (p) => `${p.y}${two(p.m)}${two(p.d)}`, // 20210303
  (p) => `${p.d}/${p.m}/${p.y}`, // 3/3/2021
  (p) => `${p.d} ${short(MONTHS[p.m - 1] as string).toUpperCase()} ${p.y}`, // 3 MAR 2021
  (p) => `${short(WEEKDAYS[p.weekday] as string)} ${p.d} ${MONTHS[p.m - 1]} ${p.y}`, // Wed 3 March 2021
  (p) => `${MONTHS[p.m - 1]} ${ordinal(p.d)}, '${two(p.y % 100)}`, // March 3rd, '21
];

/**
 * Date normalization pairs: a date written the way people do ("3 March 2021", "03/03/21",
 * "March 3, 2021", "2021.3.3", "Wed, 3 Mar 2021", … 18 formats, one drawn per pair) → ISO 8601
 * "YYYY-MM-DD". Dates are drawn uniformly from the year range, all different.
 * @example generateDatePairs({ count: 2, seed: 1 }) // [{ source: "Mar 30 1987", target: "1987-03-30", line: 0 }, …]
 */
export function generateDatePairs(options: GenerateDatePairsOptions): TextPair[] {
  const where = "generateDatePairs";
  const startYear = options.startYear ?? 1950;
  const endYear = options.endYear ?? 2049;
  if (
    !Number.isInteger(startYear) ||
    !Number.isInteger(endYear) ||
    startYear > endYear ||
    startYear < 1
  ) {
    throw new RnnkitError(
      where,
      `expected integer years with startYear ≤ endYear, got ${startYear}–${endYear}`,
    );
  }
  if (endYear - startYear >= 100) {
    throw new RnnkitError(
      where,
      `two-digit years need a range of at most 100 years, got ${startYear}–${endYear}`,
    );
  }
  const first = Date.UTC(startYear, 0, 1);
  const days = Math.round((Date.UTC(endYear + 1, 0, 1) - first) / 86_400_000);
  const count = options.count;
  if (!Number.isInteger(count) || count < 0 || count > days) {
    throw new RnnkitError(
      where,
      `count must be an integer in [0, ${days}] (one date each), got ${String(count)}`,
    );
  }
  const rng = options.seed instanceof Rng ? options.seed : new Rng(options.seed ?? 0);
  const used = new Set<number>();
  const pairs: TextPair[] = [];
  while (pairs.length < count) {
    const day = rng.nextInt(days);
    if (used.has(day)) continue;
    used.add(day);
    const date = new Date(first + day * 86_400_000);
    const parts = {
      y: date.getUTCFullYear(),
      m: date.getUTCMonth() + 1,
      d: date.getUTCDate(),
      weekday: date.getUTCDay(),
    };
    const format = FORMATS[rng.nextInt(FORMATS.length)] as (p: Parts) => string;
    pairs.push({
      source: format(parts),
      target: `${parts.y}-${two(parts.m)}-${two(parts.d)}`,
      line: 0,
    });
  }
  return pairs;
}
