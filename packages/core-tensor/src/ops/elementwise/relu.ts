import { runKernel } from "../../engine.js";
import { Relu } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { assertFloat, assertTensor } from "../../util/to-tensor.js";
import { greater } from "./greater.js";
import { where } from "./where.js";

/** Element-wise max(x, 0) (float only). */
export function relu(x: Tensor): Tensor {
  assertTensor("relu", "x", x);
  assertFloat("relu", "x", x);
  return runKernel(Relu, { x });
}

/** d relu/dx = 1 where x > 0, else 0 (0 at the kink). */
export const reluGradConfig: GradConfig = {
  kernelName: Relu,
  gradFunc: (dy, { inputs }) => ({ x: () => where(greater(inputs.x as Tensor, 0), dy, 0) }),
};
