import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

export const transposeConfig = tfjsKernelConfig(kernels.Transpose, ({ x, attrs }) =>
  tf.transpose(x.x as tf.Tensor, (attrs as kernels.TransposeAttrs).perm),
);
