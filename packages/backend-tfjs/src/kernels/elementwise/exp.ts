import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { unaryKernelConfig } from "./unary-kernel.js";

export const expConfig = unaryKernelConfig(kernels.Exp, (x) => tf.exp(x));
