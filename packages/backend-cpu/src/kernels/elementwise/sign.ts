import { kernels } from "@rnnkit/core-tensor";
import { unaryKernelConfig } from "./unary-kernel.js";

export const signConfig = unaryKernelConfig(kernels.Sign, "Math.sign(x)");
