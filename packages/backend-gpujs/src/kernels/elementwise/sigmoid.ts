import { kernels } from "@rnnkit/core-tensor";
import { unaryKernelConfig } from "./unary-kernel.js";
// σ(x) = 1 / (1 + e^−x) for x ≥ 0, e^x / (1 + e^x) below: the exponent is never positive, so e^…
// cannot overflow (σ(±1000) = 1, 0 instead of NaN)
export const sigmoidConfig = unaryKernelConfig(
  kernels.Sigmoid,
  "const e = Math.exp(-Math.abs(x)); const r = x >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);",
);
