import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

/** tf.reshape shares the data (tfjs counts references), so this copies nothing. */
export const reshapeConfig = tfjsKernelConfig(kernels.Reshape, ({ x, attrs }) =>
  tf.reshape(x.x as tf.Tensor, (attrs as kernels.ReshapeAttrs).shape),
);
