import { runKernel } from "../../engine.js";
import { LogSoftmax, type SoftmaxAttrs } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { normalizeAxis } from "../../util/shape.js";
import { assertFloat, assertTensor } from "../../util/to-tensor.js";
import { exp } from "../elementwise/exp.js";
import { mul } from "../elementwise/mul.js";
import { sub } from "../elementwise/sub.js";
import { sum } from "./sum.js";

/**
 * log(softmax(x)) along `axis` (default: the last), float only, computed stably as
 * y = x − m − log Σ exp(x − m) with m the row max (no exp overflows, no log of 0).
 * @example logSoftmax(tensor([0, Math.log(3)])) // [log 0.25, log 0.75]
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  assertTensor("logSoftmax", "x", x);
  assertFloat("logSoftmax", "x", x);
  const attrs: SoftmaxAttrs = { axis: normalizeAxis("logSoftmax", axis, x.rank) };
  return runKernel(LogSoftmax, { x }, attrs);
}

/** dx = dy − exp(y) ∘ Σ_axis dy   (exp(y) = softmax(x)) */
export const logSoftmaxGradConfig: GradConfig = {
  kernelName: LogSoftmax,
  gradFunc: (dy, { outputs, attrs }) => ({
    x: () => {
      const y = outputs[0] as Tensor;
      const { axis } = attrs as SoftmaxAttrs;
      return sub(dy, mul(exp(y), sum(dy, axis, true)));
    },
  }),
};
