import { kernels } from "@rnnkit/core-tensor";
import { unaryKernelConfig } from "./unary-kernel.js";

export const absConfig = unaryKernelConfig(kernels.Abs, "const r = Math.abs(x);");
