import { kernels } from "@rnnkit/core-tensor";
import { binaryKernelConfig } from "./binary-kernel.js";
// NaN wins, as in Math.min (x + y carries it; GPU min() may drop it)
export const minimumConfig = binaryKernelConfig(
  kernels.Minimum,
  "const r = x !== x || y !== y ? x + y : Math.min(x, y);",
);
