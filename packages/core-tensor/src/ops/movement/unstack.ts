import { runKernelMulti } from "../../engine.js";
import { RnnkitError } from "../../errors.js";
import { Unstack, type UnstackAttrs } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { normalizeAxis } from "../../util/shape.js";
import { assertTensor } from "../../util/to-tensor.js";
import { stack } from "./stack.js";

/**
 * Splits `x` along `axis` into x.shape[axis] tensors with that axis removed (one kernel call, one
 * output per index).
 * @example unstack(tensor([[1, 2], [3, 4]]), 1) // [[1, 3], [2, 4]]
 */
export function unstack(x: Tensor, axis = 0): Tensor[] {
  assertTensor("unstack", "x", x);
  if (x.rank === 0) {
    throw new RnnkitError("unstack", "expected a tensor of rank ≥ 1, got a scalar");
  }
  const resolved = normalizeAxis("unstack", axis, x.rank);
  if (x.shape[resolved] === 0) return [];
  const attrs: UnstackAttrs = { axis: resolved };
  return runKernelMulti(Unstack, { x }, attrs);
}

/**
 * dx = stack(dy_0, …, dy_{n−1}) along `axis`: one concat of every output's gradient (the engine
 * passes zeros for outputs that did not reach the loss), so the backward pass is O(size of x).
 */
export const unstackGradConfig: GradConfig = {
  kernelName: Unstack,
  gradFunc: (_dy, { attrs, dys }) => ({
    x: () => stack(dys, (attrs as UnstackAttrs).axis),
  }),
};
