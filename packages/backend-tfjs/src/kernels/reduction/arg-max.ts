import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

/** Index of the first largest value along `axis`; the first NaN beats any number (as on the CPU backend). */
export const argMaxConfig = tfjsKernelConfig(
  kernels.ArgMax,
  ({ x, dtypes, attrs }) => {
    const { axis } = attrs as kernels.ArgMaxAttrs;
    const input = x.x as tf.Tensor;
    const best = tf.argMax(input, axis);
    if (dtypes.x === "int32") return best;
    const nan = tf.isNaN(input);
    return tf.where(tf.any(nan, axis), tf.argMax(tf.cast(nan, "int32"), axis), best);
  },
  () => "int32",
);
