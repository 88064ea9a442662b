import { runKernel } from "../../engine.js";
import { Tanh } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { assertFloat, assertTensor } from "../../util/to-tensor.js";
import { mul } from "./mul.js";
import { square } from "./square.js";
import { sub } from "./sub.js";

/** Element-wise tanh (float only); saturates to ±1 for large |x|. */
export function tanh(x: Tensor): Tensor {
  assertTensor("tanh", "x", x);
  assertFloat("tanh", "x", x);
  return runKernel(Tanh, { x });
}

/** d(tanh x)/dx = 1 − tanh²x = 1 − y², from the saved output. */
export const tanhGradConfig: GradConfig = {
  kernelName: Tanh,
  gradFunc: (dy, { outputs }) => ({ x: () => mul(dy, sub(1, square(outputs[0] as Tensor))) }),
};
