import { kernels } from "@rnnkit/core-tensor";
import { unaryKernelConfig } from "./unary-kernel.js";

// Storing into an Int32Array truncates toward zero (ToInt32), like Math.trunc within int32 range;
// storing into a Float32Array rounds to nearest.
export const castConfig = unaryKernelConfig(kernels.Cast, "x", {
  outDtype: (_, attrs) => (attrs as kernels.CastAttrs).dtype,
});
