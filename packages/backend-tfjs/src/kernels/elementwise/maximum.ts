import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { binaryKernelConfig } from "./binary-kernel.js";

export const maximumConfig = binaryKernelConfig(kernels.Maximum, (a, b) => tf.maximum(a, b));
