import { runKernel } from "../../engine.js";
import { Sqrt } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { assertFloat, assertTensor } from "../../util/to-tensor.js";
import { div } from "./div.js";
import { mul } from "./mul.js";

/** Element-wise √x (float only): NaN below zero. */
export function sqrt(x: Tensor): Tensor {
  assertTensor("sqrt", "x", x);
  assertFloat("sqrt", "x", x);
  return runKernel(Sqrt, { x });
}

/** d(√x)/dx = 1 / (2√x) = 1 / (2y), from the saved output. */
export const sqrtGradConfig: GradConfig = {
  kernelName: Sqrt,
  gradFunc: (dy, { outputs }) => ({ x: () => div(dy, mul(outputs[0] as Tensor, 2)) }),
};
