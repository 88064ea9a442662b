import { kernels } from "@rnnkit/core-tensor";
import { binaryKernelConfig } from "./binary-kernel.js";

export const minimumConfig = binaryKernelConfig(kernels.Minimum, "Math.min(x, y)");
