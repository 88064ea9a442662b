import { runKernelMulti } from "../../engine.js";
import { RnnkitError, shapeToString } from "../../errors.js";
import { AdamUpdate, type AdamUpdateAttrs, type AdamUpdateInputs } from "../../kernel-names.js";
import { getBackendName, getKernel } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { assertFloat, assertTensor } from "../../util/to-tensor.js";
import { add } from "../elementwise/add.js";
import { div } from "../elementwise/div.js";
import { mul } from "../elementwise/mul.js";
import { sqrt } from "../elementwise/sqrt.js";

/**
 * One Adam step on a parameter (the optimizer's arithmetic; not differentiable): with
 * g = grad + λ·θ,
 *   m' = β1·m + (1 − β1)·g,  v' = β2·v + (1 − β2)·g·g,  θ' = θ − stepSize·m' / (√v' / c2 + ε)
 * where the caller passes stepSize = lr / (1 − β1ᵗ) and c2 = √(1 − β2ᵗ). One kernel where the
 * backend has the optional `AdamUpdate` (one pass over the four arrays instead of twelve kernels),
 * else the same arithmetic op by op.
 */
export function adamUpdate(
  param: Tensor,
  grad: Tensor,
  expAvg: Tensor,
  expAvgSq: Tensor,
  hyper: AdamUpdateAttrs,
): { param: Tensor; expAvg: Tensor; expAvgSq: Tensor } {
  const op = "adamUpdate";
  const inputs = { param, grad, expAvg, expAvgSq } satisfies Record<string, Tensor>;
  for (const [name, t] of Object.entries(inputs)) {
    assertTensor(op, name, t);
    assertFloat(op, name, t);
    if (
      t.dtype !== param.dtype ||
      t.shape.some((d, i) => d !== param.shape[i]) ||
      t.rank !== param.rank
    ) {
      throw new RnnkitError(
        op,
        `${name} must be ${param.dtype} ${shapeToString(param.shape)} like param, got ${t.dtype} ${shapeToString(t.shape)}`,
      );
    }
  }
  for (const [name, value] of Object.entries(hyper)) {
    if (!Number.isFinite(value)) throw new RnnkitError(op, `${name} must be finite, got ${value}`);
  }
  if (getKernel(AdamUpdate, getBackendName()) !== undefined) {
    const [next, m, v] = runKernelMulti(AdamUpdate, inputs satisfies AdamUpdateInputs, hyper) as [
      Tensor,
      Tensor,
      Tensor,
    ];
    return { param: next, expAvg: m, expAvgSq: v };
  }
  const { beta1, beta2, epsilon, weightDecay, stepSize, correction2 } = hyper;
  const g = weightDecay === 0 ? grad : add(grad, mul(param, weightDecay)); // g + λθ
  const m = add(mul(expAvg, beta1), mul(g, 1 - beta1)); // β1·m + (1 − β1)·g
  const v = add(mul(expAvgSq, beta2), mul(mul(g, 1 - beta2), g)); // β2·v + (1 − β2)·g·g
  const denominator = add(div(sqrt(v), correction2), epsilon); // √v / c2 + ε
  const next = add(param, div(mul(m, -stepSize), denominator)); // θ − stepSize·m / denominator
  return { param: next, expAvg: m, expAvgSq: v };
}
