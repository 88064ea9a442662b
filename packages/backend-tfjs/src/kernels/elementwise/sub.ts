import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { binaryKernelConfig } from "./binary-kernel.js";

export const subConfig = binaryKernelConfig(kernels.Sub, (a, b) => tf.sub(a, b));
