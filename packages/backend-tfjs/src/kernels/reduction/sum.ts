import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

/** Σ over `axes` (none: a copy; tfjs would read an empty list as "all axes"). */
export const sumConfig = tfjsKernelConfig(kernels.Sum, ({ x, attrs }) => {
  const { axes, keepDims } = attrs as kernels.ReduceAttrs;
  const input = x.x as tf.Tensor;
  return axes.length === 0 ? input : tf.sum(input, axes, keepDims);
});
