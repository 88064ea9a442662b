// Timing helpers shared by the benchmark suites.
import { performance } from "node:perf_hooks";

/** Deterministic uniform numbers in [0, 1) (mulberry32), so every system multiplies the same data. */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Float32Array of `size` values uniform in [-1, 1). */
export function randomFloat32(size, seed) {
  const next = mulberry32(seed);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = next() * 2 - 1;
  return values;
}

export function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs `fn` `warmup` times untimed, then up to `reps` timed times (stopping early once
 * `maxSeconds` of timed runs have passed, after at least 3). Returns the times in seconds.
 */
export async function measure(fn, { warmup, reps, maxSeconds = Number.POSITIVE_INFINITY }) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  let total = 0;
  while (times.length < reps && (times.length < 3 || total < maxSeconds)) {
    const start = performance.now();
    await fn();
    const seconds = (performance.now() - start) / 1000;
    times.push(seconds);
    total += seconds;
  }
  return times;
}

/** Prints rows (objects) as an aligned text table with the given columns. */
export function printTable(rows, columns) {
  const cells = rows.map((row) => columns.map((c) => String(row[c] ?? "")));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (values) => values.map((v, i) => v.padEnd(widths[i])).join("  ");
  console.log(line(columns));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of cells) console.log(line(r));
}

/** Silences console.warn/console.log while `fn` runs (tfjs prints a banner on import in Node). */
export async function quietly(fn) {
  const { log, warn } = console;
  console.log = () => {};
  console.warn = () => {};
  try {
    return await fn();
  } finally {
    console.log = log;
    console.warn = warn;
  }
}
