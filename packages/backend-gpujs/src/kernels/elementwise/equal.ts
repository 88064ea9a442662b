import { kernels } from "@rnnkit/core-tensor";
import { binaryKernelConfig } from "./binary-kernel.js";

export const equalConfig = binaryKernelConfig(
  kernels.Equal,
  "const r = x === y ? 1.0 : 0.0;",
  "int32",
);
