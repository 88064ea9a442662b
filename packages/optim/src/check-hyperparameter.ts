import { RnnkitError } from "@rnnkit/core-tensor";

/**
 * Checks a numeric option: finite and in [min, max] (or (min, max] with `openMin`, [min, max) with
 * `openMax`). The error names the class, the option and the value.
 */
export function checkHyperparameter(
  where: string,
  name: string,
  value: unknown,
  range: { min?: number; max?: number; openMin?: boolean; openMax?: boolean } = {},
): number {
  const { min = -Infinity, max = Infinity, openMin = false, openMax = false } = range;
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (openMin ? value > min : value >= min) &&
    (openMax ? value < max : value <= max);
  if (!ok) {
    const low = `${openMin ? "(" : "["}${min}`;
    const high = `${max}${openMax ? ")" : "]"}`;
    throw new RnnkitError(
      where,
      `${name} must be a number in ${low}, ${high}, got ${String(value)}`,
    );
  }
  return value as number;
}
