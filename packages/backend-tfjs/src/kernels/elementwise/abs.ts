import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { unaryKernelConfig } from "./unary-kernel.js";

export const absConfig = unaryKernelConfig(kernels.Abs, (x) => tf.abs(x));
