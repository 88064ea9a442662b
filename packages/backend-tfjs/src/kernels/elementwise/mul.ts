import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { binaryKernelConfig } from "./binary-kernel.js";

export const mulConfig = binaryKernelConfig(kernels.Mul, (a, b) => tf.mul(a, b));
