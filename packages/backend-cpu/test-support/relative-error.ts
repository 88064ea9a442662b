// Helpers shared by the WebAssembly and sparse-product tests (outside src/: not built or published).
import type { Rng } from "@rnnkit/core-tensor";
import { expect } from "vitest";

/** `size` values uniform in [−scale, scale), float64. */
export const randomValues = (size: number, rng: Rng, scale: number): Float64Array =>
  Float64Array.from({ length: size }, () => (rng.next() * 2 - 1) * scale);

/** max |actual − expected| / max |expected| (Infinity on a NaN); the lengths must agree. */
export function worstRelative(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let scale = 0;
  for (let i = 0; i < expected.length; i++)
    scale = Math.max(scale, Math.abs(expected[i] as number));
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs((actual[i] as number) - (expected[i] as number));
    worst = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(worst, d);
  }
  return worst / Math.max(scale, 1e-30);
}

/** max |actual[offset + i] − expected[i]| over expected (Infinity on a NaN). */
export function worstAbsolute(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  offset = 0,
): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs((actual[offset + i] as number) - (expected[i] as number));
    worst = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(worst, d);
  }
  return worst;
}
