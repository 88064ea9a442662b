import { runKernel } from "../../engine.js";
import { RnnkitError, shapeToString } from "../../errors.js";
import { Max, type ReduceAttrs } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { normalizeAxes, reducedShape } from "../../util/shape.js";
import { assertTensor } from "../../util/to-tensor.js";
import { cast } from "../elementwise/cast.js";
import { div } from "../elementwise/div.js";
import { equal } from "../elementwise/equal.js";
import { mul } from "../elementwise/mul.js";
import { reshape } from "../movement/reshape.js";
import { sum } from "./sum.js";

/**
 * Largest value over `axes` (default: all); NaN if the values include NaN.
 * @example max(tensor([[1, 5], [4, 2]]), 1) // [5, 4]
 */
export function max(x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor {
  assertTensor("max", "x", x);
  const attrs: ReduceAttrs = { axes: normalizeAxes("max", axes, x.rank), keepDims };
  for (const axis of attrs.axes) {
    if (x.shape[axis] === 0) {
      throw new RnnkitError(
        "max",
        `cannot reduce over axis ${axis} of size 0 (x is ${shapeToString(x.shape)})`,
      );
    }
  }
  return runKernel(Max, { x }, attrs);
}

/**
 * dy goes to the positions that equal the max; where several tie, it is split evenly between them
 * (each gets dy / count, so the gradient sums to dy like a subgradient average):
 *   dx = dy · [x = y] / Σ[x = y]
 */
export const maxGradConfig: GradConfig = {
  kernelName: Max,
  gradFunc: (dy, { inputs, outputs, attrs }) => ({
    x: () => {
      const x = inputs.x as Tensor;
      const y = outputs[0] as Tensor;
      const { axes } = attrs as ReduceAttrs;
      const keptShape = reducedShape(x.shape, axes, true);
      const mask = cast(equal(x, reshape(y, keptShape)), x.dtype);
      const count = sum(mask, axes, true);
      return mul(div(mask, count), reshape(dy, keptShape));
    },
  }),
};
