import { kernels } from "@rnnkit/core-tensor";
import { unaryKernelConfig } from "./unary-kernel.js";
// 0 and NaN map to themselves, as Math.sign does
export const signConfig = unaryKernelConfig(
  kernels.Sign,
  "const r = x > 0.0 ? 1.0 : x < 0.0 ? -1.0 : x;",
);
