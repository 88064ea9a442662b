import { runKernel } from "../../engine.js";
import { RnnkitError, shapeToString } from "../../errors.js";
import { Concat, type ConcatAttrs } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { normalizeAxis } from "../../util/shape.js";
import { assertTensor } from "../../util/to-tensor.js";
import { slice } from "./slice.js";

/**
 * Joins tensors along an existing axis. All must have the same dtype and the same shape except
 * along `axis`. Kernel inputs are named t0, t1, … in order.
 * @example concat([tensor([[1, 2]]), tensor([[3, 4]])], 0) // [[1, 2], [3, 4]]
 */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors as unknown) || tensors.length === 0) {
    throw new RnnkitError("concat", "expected a non-empty array of tensors, got none");
  }
  tensors.forEach((t, i) => {
    assertTensor("concat", `t${i}`, t);
  });
  const first = tensors[0] as Tensor;
  if (first.rank === 0) {
    throw new RnnkitError("concat", "expected tensors of rank ≥ 1, got scalars (use stack)");
  }
  const resolved = normalizeAxis("concat", axis, first.rank);
  const inputs: Record<string, Tensor> = {};
  tensors.forEach((t, i) => {
    if (t.dtype !== first.dtype) {
      throw new RnnkitError(
        "concat",
        `all inputs must be ${first.dtype} like t0, but t${i} is ${t.dtype}`,
      );
    }
    const matches =
      t.rank === first.rank && t.shape.every((d, k) => k === resolved || d === first.shape[k]);
    if (!matches) {
      throw new RnnkitError(
        "concat",
        `all inputs must match t0's shape ${shapeToString(first.shape)} except on axis ${resolved}, but t${i} is ${shapeToString(t.shape)}`,
      );
    }
    inputs[`t${i}`] = t;
  });
  if (tensors.length === 1) return first;
  const attrs: ConcatAttrs = { axis: resolved };
  return runKernel(Concat, inputs, attrs);
}

/** dt_i = the slice of dy that t_i filled along `axis`. */
export const concatGradConfig: GradConfig = {
  kernelName: Concat,
  gradFunc: (dy, { inputs, attrs }) => {
    const { axis } = attrs as ConcatAttrs;
    const thunks: Record<string, () => Tensor> = {};
    let offset = 0;
    for (let i = 0; inputs[`t${i}`] !== undefined; i++) {
      const t = inputs[`t${i}`] as Tensor;
      const begin = t.shape.map((_, k) => (k === axis ? offset : 0));
      thunks[`t${i}`] = () => slice(dy, begin, t.shape);
      offset += t.shape[axis] as number;
    }
    return thunks;
  },
};
