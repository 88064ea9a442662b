import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { unaryKernelConfig } from "./unary-kernel.js";

export const reluConfig = unaryKernelConfig(kernels.Relu, (x) => tf.relu(x));
