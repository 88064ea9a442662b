import { runKernel } from "../../engine.js";
import { Sign } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { assertTensor } from "../../util/to-tensor.js";
import { zerosLike } from "../creation/zeros.js";

/** Element-wise sign: −1, 0 or 1 (NaN stays NaN); float32, float64, int32. */
export function sign(x: Tensor): Tensor {
  assertTensor("sign", "x", x);
  return runKernel(Sign, { x });
}

/** sign is piecewise constant: its gradient is 0 (taken as 0 at the jump too). */
export const signGradConfig: GradConfig = {
  kernelName: Sign,
  gradFunc: (_dy, { inputs }) => ({ x: () => zerosLike(inputs.x as Tensor) }),
};
