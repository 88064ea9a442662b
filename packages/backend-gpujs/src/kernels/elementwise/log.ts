import { kernels } from "@rnnkit/core-tensor";
import { unaryKernelConfig } from "./unary-kernel.js";

export const logConfig = unaryKernelConfig(kernels.Log, "const r = Math.log(x);");
