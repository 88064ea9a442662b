import { kernels } from "@rnnkit/core-tensor";
import { unaryKernelConfig } from "./unary-kernel.js";

export const sqrtConfig = unaryKernelConfig(kernels.Sqrt, "const r = Math.sqrt(x);");
