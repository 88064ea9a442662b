import { kernels } from "@rnnkit/core-tensor";
import { binaryKernelConfig } from "./binary-kernel.js";

export const powConfig = binaryKernelConfig(kernels.Pow, "Math.pow(x, y)");
