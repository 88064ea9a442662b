import { kernels } from "@rnnkit/core-tensor";
import { unaryKernelConfig } from "./unary-kernel.js";
// tanh|x| = (1 − e^−2|x|) / (1 + e^−2|x|): the exponent is never positive, so ±1000 gives ±1, not
// NaN (gpu.js's GLSL tanh overflows above |x| ≈ 44)
export const tanhConfig = unaryKernelConfig(
  kernels.Tanh,
  "const e = Math.exp(-2.0 * Math.abs(x)); const t = (1.0 - e) / (1.0 + e); const r = x < 0.0 ? -t : t;",
);
