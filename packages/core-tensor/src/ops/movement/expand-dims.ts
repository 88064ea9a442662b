import { RnnkitError } from "../../errors.js";
import type { Tensor } from "../../tensor.js";
import { assertTensor } from "../../util/to-tensor.js";
import { reshape } from "./reshape.js";

/**
 * Inserts an axis of size 1 at `axis` (in [-(rank+1), rank]; negative counts from the end of the
 * result). Composite: a reshape.
 * @example expandDims(tensor([1, 2]), 1).shape // [2, 1]
 */
export function expandDims(x: Tensor, axis = 0): Tensor {
  assertTensor("expandDims", "x", x);
  const rank = x.rank + 1;
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new RnnkitError(
      "expandDims",
      `axis must be an integer in [${-rank}, ${rank - 1}] for x of rank ${x.rank}, got ${axis}`,
    );
  }
  const resolved = axis < 0 ? axis + rank : axis;
  const shape = [...x.shape];
  shape.splice(resolved, 0, 1);
  return reshape(x, shape);
}
