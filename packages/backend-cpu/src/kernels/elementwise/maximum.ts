import { kernels } from "@rnnkit/core-tensor";
import { binaryKernelConfig } from "./binary-kernel.js";

export const maximumConfig = binaryKernelConfig(kernels.Maximum, "Math.max(x, y)");
