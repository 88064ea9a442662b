import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

/** logSoftmax = x − m − log Σ exp(x − m), m = max(x), along any axis. */
export const logSoftmaxConfig = tfjsKernelConfig(kernels.LogSoftmax, ({ x, attrs }) => {
  const { axis } = attrs as kernels.SoftmaxAttrs;
  const input = x.x as tf.Tensor;
  const shifted = tf.sub(input, tf.max(input, axis, true));
  return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), axis, true)));
});
