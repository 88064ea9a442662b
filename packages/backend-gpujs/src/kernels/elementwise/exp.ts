import { kernels } from "@rnnkit/core-tensor";
import { unaryKernelConfig } from "./unary-kernel.js";

export const expConfig = unaryKernelConfig(kernels.Exp, "const r = Math.exp(x);");
