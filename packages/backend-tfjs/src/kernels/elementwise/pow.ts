import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { binaryKernelConfig } from "./binary-kernel.js";

export const powConfig = binaryKernelConfig(kernels.Pow, (a, b) => tf.pow(a, b));
