import { randomUniform } from "@rnnkit/core-tensor";
import type { Initializer } from "./initializer.js";

/** U(−limit, limit). */
export function uniform(limit: number): Initializer {
  return (shape, options = {}) => randomUniform(shape, -limit, limit, options);
}

/** PyTorch's RNN default: every weight and bias ~ U(−1/√H, 1/√H). */
export function pytorchRnnUniform(hiddenSize: number): Initializer {
  return uniform(1 / Math.sqrt(hiddenSize));
}
