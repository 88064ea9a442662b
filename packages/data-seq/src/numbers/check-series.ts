import { RnnkitError } from "@rnnkit/core-tensor";

/** Checks that values is a non-empty list of finite numbers; the error names the first bad one. */
export function checkSeries(where: string, values: ArrayLike<number>): void {
  if (values === null || typeof values !== "object" || typeof values.length !== "number") {
    throw new RnnkitError(
      where,
      `expected an array of numbers, got ${values === null ? "null" : typeof values}`,
    );
  }
  if (values.length === 0) throw new RnnkitError(where, "no values given");
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RnnkitError(where, `value ${i} is ${String(v)}, not a finite number`);
    }
  }
}
