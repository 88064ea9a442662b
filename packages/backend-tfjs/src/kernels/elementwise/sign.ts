import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { unaryKernelConfig } from "./unary-kernel.js";

export const signConfig = unaryKernelConfig(kernels.Sign, (x) => tf.sign(x));
