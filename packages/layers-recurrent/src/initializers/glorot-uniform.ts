import { randomUniform } from "@rnnkit/core-tensor";
import type { Initializer } from "./initializer.js";

/**
 * Glorot (Xavier) uniform, Keras's default kernel initializer: U(−√(6/(fanIn+fanOut)), +…).
 * For a weight stored [out, in] (PyTorch layout) fanIn = in, fanOut = out.
 */
export const glorotUniform: Initializer = (shape, options = {}) => {
  const fanOut = shape[0] ?? 1;
  const fanIn = shape.slice(1).reduce((a, b) => a * b, 1);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return randomUniform(shape, -limit, limit, options);
};
