import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

export const sliceConfig = tfjsKernelConfig(kernels.Slice, ({ x, attrs }) => {
  const { begin, size } = attrs as kernels.SliceAttrs;
  return tf.slice(x.x as tf.Tensor, begin, size);
});
