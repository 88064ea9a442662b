import { kernels } from "@rnnkit/core-tensor";
import { binaryKernelConfig } from "./binary-kernel.js";

export const greaterEqualConfig = binaryKernelConfig(
  kernels.GreaterEqual,
  "const r = x >= y ? 1.0 : 0.0;",
  "int32",
);
