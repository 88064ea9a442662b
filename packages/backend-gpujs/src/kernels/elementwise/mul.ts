import { kernels } from "@rnnkit/core-tensor";
import { binaryKernelConfig } from "./binary-kernel.js";

export const mulConfig = binaryKernelConfig(kernels.Mul, "const r = x * y;");
