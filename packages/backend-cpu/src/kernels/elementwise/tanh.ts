import { kernels } from "@rnnkit/core-tensor";
import { unaryKernelConfig } from "./unary-kernel.js";

// Math.tanh saturates to ±1 for large |x| (no exp overflow, so no Infinity/Infinity = NaN).
export const tanhConfig = unaryKernelConfig(kernels.Tanh, "Math.tanh(x)");
