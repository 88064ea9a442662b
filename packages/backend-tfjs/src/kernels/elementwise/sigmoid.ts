import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { unaryKernelConfig } from "./unary-kernel.js";

export const sigmoidConfig = unaryKernelConfig(kernels.Sigmoid, (x) => tf.sigmoid(x));
