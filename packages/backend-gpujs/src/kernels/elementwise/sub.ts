import { kernels } from "@rnnkit/core-tensor";
import { binaryKernelConfig } from "./binary-kernel.js";

export const subConfig = binaryKernelConfig(kernels.Sub, "const r = x - y;");
