import { kernels } from "@rnnkit/core-tensor";
import { binaryKernelConfig } from "./binary-kernel.js";

export const divConfig = binaryKernelConfig(kernels.Div, "const r = x / y;");
