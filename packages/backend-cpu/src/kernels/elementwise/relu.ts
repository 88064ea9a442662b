import { kernels } from "@rnnkit/core-tensor";
import { unaryKernelConfig } from "./unary-kernel.js";

// max(x, 0), written so that NaN stays NaN.
export const reluConfig = unaryKernelConfig(kernels.Relu, "x < 0 ? 0 : x");
