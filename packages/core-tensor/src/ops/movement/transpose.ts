import { runKernel } from "../../engine.js";
import { RnnkitError, shapeToString } from "../../errors.js";
import { Transpose, type TransposeAttrs } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { assertTensor } from "../../util/to-tensor.js";

/**
 * Permutes the axes: output axis i is input axis perm[i], so out.shape[i] = x.shape[perm[i]].
 * `perm` defaults to reversing the axes (a matrix transpose for rank 2).
 * @example transpose(tensor([[1, 2, 3], [4, 5, 6]])) // [[1, 4], [2, 5], [3, 6]]
 */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  assertTensor("transpose", "x", x);
  const rank = x.rank;
  const resolved =
    perm === undefined ? Array.from({ length: rank }, (_, i) => rank - 1 - i) : [...perm];
  const seen = new Set<number>();
  for (const p of resolved) {
    if (Number.isInteger(p) && p >= 0 && p < rank) seen.add(p);
  }
  if (resolved.length !== rank || seen.size !== rank) {
    throw new RnnkitError(
      "transpose",
      `perm must be a permutation of 0..${rank - 1} for x of shape ${shapeToString(x.shape)}, got ${JSON.stringify(perm)}`,
    );
  }
  if (resolved.every((p, i) => p === i)) return x;
  const attrs: TransposeAttrs = { perm: resolved };
  return runKernel(Transpose, { x }, attrs);
}

/** The inverse permutation: inverse[perm[i]] = i. */
function inversePermutation(perm: readonly number[]): number[] {
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => {
    inverse[p] = i;
  });
  return inverse;
}

/** dx = transpose(dy, perm⁻¹). */
export const transposeGradConfig: GradConfig = {
  kernelName: Transpose,
  gradFunc: (dy, { attrs }) => ({
    x: () => transpose(dy, inversePermutation((attrs as TransposeAttrs).perm)),
  }),
};
