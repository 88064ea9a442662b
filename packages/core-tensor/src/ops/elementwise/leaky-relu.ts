import { runKernel } from "../../engine.js";
import { RnnkitError } from "../../errors.js";
import { LeakyRelu, type LeakyReluAttrs } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { assertFloat, assertTensor } from "../../util/to-tensor.js";
import { greater } from "./greater.js";
import { mul } from "./mul.js";
import { where } from "./where.js";

/** Element-wise x for x ≥ 0, α·x below (float only). */
export function leakyRelu(x: Tensor, alpha = 0.2): Tensor {
  assertTensor("leakyRelu", "x", x);
  assertFloat("leakyRelu", "x", x);
  if (typeof alpha !== "number" || !Number.isFinite(alpha)) {
    throw new RnnkitError("leakyRelu", `alpha must be a finite number, got ${String(alpha)}`);
  }
  const attrs: LeakyReluAttrs = { alpha };
  return runKernel(LeakyRelu, { x }, attrs);
}

/** d/dx = 1 where x > 0, α elsewhere. */
export const leakyReluGradConfig: GradConfig = {
  kernelName: LeakyRelu,
  gradFunc: (dy, { inputs, attrs }) => ({
    x: () => where(greater(inputs.x as Tensor, 0), dy, mul(dy, (attrs as LeakyReluAttrs).alpha)),
  }),
};
