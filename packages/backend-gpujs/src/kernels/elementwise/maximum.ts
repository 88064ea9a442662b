import { kernels } from "@rnnkit/core-tensor";
import { binaryKernelConfig } from "./binary-kernel.js";
// NaN wins, as in Math.max (x + y carries it; GPU max() may drop it)
export const maximumConfig = binaryKernelConfig(
  kernels.Maximum,
  "const r = x !== x || y !== y ? x + y : Math.max(x, y);",
);
