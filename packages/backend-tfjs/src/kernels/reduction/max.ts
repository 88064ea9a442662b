import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

/** Max over `axes`; a NaN anywhere in a reduced slice makes that result NaN (as on the CPU backend). */
export const maxConfig = tfjsKernelConfig(kernels.Max, ({ x, dtypes, attrs }) => {
  const { axes, keepDims } = attrs as kernels.ReduceAttrs;
  const input = x.x as tf.Tensor;
  if (axes.length === 0) return input;
  const m = tf.max(input, axes, keepDims);
  if (dtypes.x === "int32") return m;
  return tf.where(tf.any(tf.isNaN(input), axes, keepDims), tf.fill(m.shape, Number.NaN), m);
});
