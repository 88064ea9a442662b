import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { unaryKernelConfig } from "./unary-kernel.js";

export const tanhConfig = unaryKernelConfig(kernels.Tanh, (x) => tf.tanh(x));
