import { kernels } from "@rnnkit/core-tensor";
import { binaryKernelConfig } from "./binary-kernel.js";

export const equalConfig = binaryKernelConfig(kernels.Equal, "x === y ? 1 : 0", "int32");
