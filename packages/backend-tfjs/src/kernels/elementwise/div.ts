import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { binaryKernelConfig } from "./binary-kernel.js";

export const divConfig = binaryKernelConfig(kernels.Div, (a, b) => tf.div(a, b));
