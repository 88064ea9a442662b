import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { binaryKernelConfig } from "./binary-kernel.js";

export const minimumConfig = binaryKernelConfig(kernels.Minimum, (a, b) => tf.minimum(a, b));
