import { kernels } from "@rnnkit/core-tensor";
import { binaryKernelConfig } from "./binary-kernel.js";

export const addConfig = binaryKernelConfig(kernels.Add, "const r = x + y;");
