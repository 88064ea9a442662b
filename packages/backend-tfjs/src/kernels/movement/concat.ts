import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

/** inputs { t0, t1, … } joined along `axis`. */
export const concatConfig = tfjsKernelConfig(kernels.Concat, ({ x, attrs }) => {
  const list: tf.Tensor[] = [];
  for (let i = 0; x[`t${i}`] !== undefined; i++) list.push(x[`t${i}`] as tf.Tensor);
  return tf.concat(list, (attrs as kernels.ConcatAttrs).axis);
});
