import { runKernel } from "../../engine.js";
import { Sigmoid } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { assertFloat, assertTensor } from "../../util/to-tensor.js";
import { mul } from "./mul.js";
import { sub } from "./sub.js";

/**
 * Element-wise logistic σ(x) = 1 / (1 + e^−x) (float only). Backends compute it without overflow:
 * σ(x) = x ≥ 0 ? 1 / (1 + e^−x) : eˣ / (1 + eˣ), so σ(±1000) is 1 and 0, never NaN.
 */
export function sigmoid(x: Tensor): Tensor {
  assertTensor("sigmoid", "x", x);
  assertFloat("sigmoid", "x", x);
  return runKernel(Sigmoid, { x });
}

/** dσ/dx = σ(1 − σ) = y(1 − y), from the saved output. */
export const sigmoidGradConfig: GradConfig = {
  kernelName: Sigmoid,
  gradFunc: (dy, { outputs }) => {
    const y = outputs[0] as Tensor;
    return { x: () => mul(dy, mul(y, sub(1, y))) };
  },
};
