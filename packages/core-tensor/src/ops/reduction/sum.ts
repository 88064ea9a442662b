import { runKernel } from "../../engine.js";
import { type ReduceAttrs, Sum } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { normalizeAxes, reducedShape } from "../../util/shape.js";
import { assertTensor } from "../../util/to-tensor.js";
import { broadcastTo } from "../movement/broadcast-to.js";
import { reshape } from "../movement/reshape.js";

/** Sum over `axes` (default: all). */
export function sum(x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor {
  assertTensor("sum", "x", x);
  const attrs: ReduceAttrs = { axes: normalizeAxes("sum", axes, x.rank), keepDims };
  return runKernel(Sum, { x }, attrs);
}

/** Each input element receives the gradient of the sum it went into. */
export const sumGradConfig: GradConfig = {
  kernelName: Sum,
  gradFunc: (dy, { inputs, attrs }) => ({
    x: () => {
      const x = inputs.x as Tensor;
      const { axes } = attrs as ReduceAttrs;
      return broadcastTo(reshape(dy, reducedShape(x.shape, axes, true)), x.shape);
    },
  }),
};
