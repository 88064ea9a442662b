import { kernels } from "@rnnkit/core-tensor";
import { binaryKernelConfig } from "./binary-kernel.js";

// JS semantics: |x|^y, negated for a negative base with an odd integer exponent; a negative base
// with a fractional exponent is NaN (WGSL's pow is undefined for any negative base). No boolean
// locals: gpu.js's WGSL typing declares them f32.
export const powConfig = binaryKernelConfig(
  kernels.Pow,
  `const p = Math.pow(Math.abs(x), y);
  const half = y * 0.5;
  const r = x >= 0.0 ? p : Math.floor(y) !== y ? Math.sqrt(-1.0 - p) : Math.floor(half) !== half ? -p : p;`,
);
