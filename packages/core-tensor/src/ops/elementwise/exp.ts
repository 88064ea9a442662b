import { runKernel } from "../../engine.js";
import { Exp } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { assertFloat, assertTensor } from "../../util/to-tensor.js";
import { mul } from "./mul.js";

/** Element-wise eˣ (float only). */
export function exp(x: Tensor): Tensor {
  assertTensor("exp", "x", x);
  assertFloat("exp", "x", x);
  return runKernel(Exp, { x });
}

/** d(eˣ)/dx = eˣ = y, so the saved output is reused. */
export const expGradConfig: GradConfig = {
  kernelName: Exp,
  gradFunc: (dy, { outputs }) => ({ x: () => mul(dy, outputs[0] as Tensor) }),
};
