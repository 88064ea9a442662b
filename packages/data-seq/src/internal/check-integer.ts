import { RnnkitError } from "@rnnkit/core-tensor";

/** Checks that an option is an integer ≥ min; the error names the function and the option. */
export function checkInteger(where: string, name: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    const wanted = min === 1 ? "a positive integer" : `an integer ≥ ${min}`;
    throw new RnnkitError(where, `${name} must be ${wanted}, got ${String(value)}`);
  }
  return value;
}
