import { kernels } from "@rnnkit/core-tensor";
import { unaryKernelConfig } from "./unary-kernel.js";

// x for x ≥ 0, α·x below.
export const leakyReluConfig = unaryKernelConfig(kernels.LeakyRelu, "x < 0 ? alpha * x : x", {
  attrNames: ["alpha"],
});
