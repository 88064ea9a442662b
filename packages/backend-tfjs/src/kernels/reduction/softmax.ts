import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

/**
 * Softmax along any axis (tf.softmax takes only the last):
 *   m = max(x),  e = exp(x − m),  softmax = e / Σ e
 */
export const softmaxConfig = tfjsKernelConfig(kernels.Softmax, ({ x, attrs }) => {
  const { axis } = attrs as kernels.SoftmaxAttrs;
  const input = x.x as tf.Tensor;
  const e = tf.exp(tf.sub(input, tf.max(input, axis, true)));
  return tf.div(e, tf.sum(e, axis, true));
});
