import { kernels } from "@rnnkit/core-tensor";
import { literal } from "../source.js";
import { unaryKernelConfig } from "./unary-kernel.js";

// x for x ≥ 0, α·x below.
export const leakyReluConfig = unaryKernelConfig(
  kernels.LeakyRelu,
  (attrs) => `const r = x < 0.0 ? ${literal((attrs as kernels.LeakyReluAttrs).alpha)} * x : x;`,
);
