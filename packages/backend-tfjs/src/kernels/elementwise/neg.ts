import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { unaryKernelConfig } from "./unary-kernel.js";

export const negConfig = unaryKernelConfig(kernels.Neg, (x) => tf.neg(x));
