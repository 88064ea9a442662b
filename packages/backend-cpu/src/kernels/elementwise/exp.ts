import { kernels } from "@rnnkit/core-tensor";
import { unaryKernelConfig } from "./unary-kernel.js";

export const expConfig = unaryKernelConfig(kernels.Exp, "Math.exp(x)");
