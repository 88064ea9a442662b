import type { Rng } from "@rnnkit/core-tensor";
import { toRng } from "../internal/to-rng.js";

/**
 * A shuffled copy (Fisher–Yates), from a seed or a core-tensor `Rng`: the same seed gives the same
 * order. The input is not changed.
 * @example shuffled([1, 2, 3, 4], 7) // the same permutation every time for seed 7
 */
export function shuffled<T>(items: ArrayLike<T>, rngOrSeed: Rng | number): T[] {
  const rng = toRng("shuffled", rngOrSeed);
  const out = Array.from(items);
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const swap = out[i] as T;
    out[i] = out[j] as T;
    out[j] = swap;
  }
  return out;
}
