import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { unaryKernelConfig } from "./unary-kernel.js";

export const leakyReluConfig = unaryKernelConfig(kernels.LeakyRelu, (x, attrs) =>
  tf.leakyRelu(x, (attrs as kernels.LeakyReluAttrs).alpha),
);
