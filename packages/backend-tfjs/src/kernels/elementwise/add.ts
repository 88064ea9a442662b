import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { binaryKernelConfig } from "./binary-kernel.js";

export const addConfig = binaryKernelConfig(kernels.Add, (a, b) => tf.add(a, b));
