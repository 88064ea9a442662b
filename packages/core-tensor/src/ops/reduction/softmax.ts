import { runKernel } from "../../engine.js";
import { Softmax, type SoftmaxAttrs } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { normalizeAxis } from "../../util/shape.js";
import { assertFloat, assertTensor } from "../../util/to-tensor.js";
import { mul } from "../elementwise/mul.js";
import { sub } from "../elementwise/sub.js";
import { sum } from "./sum.js";

/**
 * exp(x) / Σ exp(x) along `axis` (default: the last), float only. Computed stably with the row
 * max subtracted first: y = exp(x − m) / Σ exp(x − m).
 * @example softmax(tensor([0, Math.log(3)])) // [0.25, 0.75]
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  assertTensor("softmax", "x", x);
  assertFloat("softmax", "x", x);
  const attrs: SoftmaxAttrs = { axis: normalizeAxis("softmax", axis, x.rank) };
  return runKernel(Softmax, { x }, attrs);
}

/** dx = y ∘ (dy − Σ_axis dy ∘ y) */
export const softmaxGradConfig: GradConfig = {
  kernelName: Softmax,
  gradFunc: (dy, { outputs, attrs }) => ({
    x: () => {
      const y = outputs[0] as Tensor;
      const { axis } = attrs as SoftmaxAttrs;
      return mul(y, sub(dy, sum(mul(dy, y), axis, true)));
    },
  }),
};
