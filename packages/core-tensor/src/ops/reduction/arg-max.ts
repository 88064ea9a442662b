import { runKernel } from "../../engine.js";
import { RnnkitError, shapeToString } from "../../errors.js";
import { ArgMax, type ArgMaxAttrs } from "../../kernel-names.js";
import type { Tensor } from "../../tensor.js";
import { normalizeAxis } from "../../util/shape.js";
import { assertTensor } from "../../util/to-tensor.js";

/**
 * Index (int32) of the largest value along `axis` (default: the last), which is removed from the
 * shape. Ties give the first index; a NaN counts as larger than any number (the first NaN wins).
 * Not differentiable (int32 output).
 * @example argMax(tensor([[1, 5, 5], [4, 2, 0]])) // [1, 0]
 */
export function argMax(x: Tensor, axis = -1): Tensor {
  assertTensor("argMax", "x", x);
  const attrs: ArgMaxAttrs = { axis: normalizeAxis("argMax", axis, x.rank) };
  if (x.rank === 0 || x.shape[attrs.axis] === 0) {
    throw new RnnkitError(
      "argMax",
      `needs a non-empty axis ${axis}, x is ${shapeToString(x.shape)}`,
    );
  }
  return runKernel(ArgMax, { x }, attrs);
}
