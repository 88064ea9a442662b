import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { binaryKernelConfig } from "./binary-kernel.js";

/** tfjs returns bool; rnnkit's comparisons return int32 0/1 (the cast is done by tfjsKernelConfig). */
export const greaterEqualConfig = binaryKernelConfig(
  kernels.GreaterEqual,
  (a, b) => tf.greaterEqual(a, b),
  () => "int32",
);
