import { kernels } from "@rnnkit/core-tensor";
import { unaryKernelConfig } from "./unary-kernel.js";

export const negConfig = unaryKernelConfig(kernels.Neg, "const r = -x;");
