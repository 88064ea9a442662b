import { runKernel } from "../../engine.js";
import { Abs } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { assertTensor } from "../../util/to-tensor.js";
import { mul } from "./mul.js";
import { sign } from "./sign.js";

/** Element-wise |x| (float32, float64, int32). */
export function abs(x: Tensor): Tensor {
  assertTensor("abs", "x", x);
  return runKernel(Abs, { x });
}

/** d|x|/dx = sign(x) (0 at x = 0). */
export const absGradConfig: GradConfig = {
  kernelName: Abs,
  gradFunc: (dy, { inputs }) => ({ x: () => mul(dy, sign(inputs.x as Tensor)) }),
};
