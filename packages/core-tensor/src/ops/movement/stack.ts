import { RnnkitError, shapeToString } from "../../errors.js";
import type { Tensor } from "../../tensor.js";
import { sameShape } from "../../util/shape.js";
import { assertTensor } from "../../util/to-tensor.js";
import { concat } from "./concat.js";
import { expandDims } from "./expand-dims.js";

/**
 * Joins same-shape tensors along a new axis (in [-(rank+1), rank]). Composite: expandDims each,
 * then concat.
 * @example stack([tensor([1, 2]), tensor([3, 4])], 1) // [[1, 3], [2, 4]]
 */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors as unknown) || tensors.length === 0) {
    throw new RnnkitError("stack", "expected a non-empty array of tensors, got none");
  }
  tensors.forEach((t, i) => {
    assertTensor("stack", `tensors[${i}]`, t);
  });
  const first = tensors[0] as Tensor;
  tensors.forEach((t, i) => {
    if (t.dtype !== first.dtype || !sameShape(t.shape, first.shape)) {
      throw new RnnkitError(
        "stack",
        `all tensors must be ${first.dtype} ${shapeToString(first.shape)} like tensors[0], but tensors[${i}] is ${t.dtype} ${shapeToString(t.shape)}`,
      );
    }
  });
  const expanded = tensors.map((t) => expandDims(t, axis));
  const out = concat(expanded, axis < 0 ? axis + first.rank + 1 : axis);
  expanded.forEach((e, i) => {
    if (e !== out && e !== tensors[i]) e.dispose();
  });
  return out;
}
