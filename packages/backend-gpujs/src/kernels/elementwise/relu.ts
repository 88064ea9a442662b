import { kernels } from "@rnnkit/core-tensor";
import { unaryKernelConfig } from "./unary-kernel.js";

export const reluConfig = unaryKernelConfig(kernels.Relu, "const r = x < 0.0 ? 0.0 : x;");
