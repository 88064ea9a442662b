import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { unaryKernelConfig } from "./unary-kernel.js";

export const sqrtConfig = unaryKernelConfig(kernels.Sqrt, (x) => tf.sqrt(x));
