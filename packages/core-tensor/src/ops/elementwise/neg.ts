import { runKernel } from "../../engine.js";
import { Neg } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { assertTensor } from "../../util/to-tensor.js";

/** Element-wise −x (float32, float64, int32). */
export function neg(x: Tensor): Tensor {
  assertTensor("neg", "x", x);
  return runKernel(Neg, { x });
}

/** d(−x)/dx = −1 */
export const negGradConfig: GradConfig = {
  kernelName: Neg,
  gradFunc: (dy) => ({ x: () => neg(dy) }),
};
