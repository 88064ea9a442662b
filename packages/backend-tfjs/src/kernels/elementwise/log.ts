import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { unaryKernelConfig } from "./unary-kernel.js";

export const logConfig = unaryKernelConfig(kernels.Log, (x) => tf.log(x));
