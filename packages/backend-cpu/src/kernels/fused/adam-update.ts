import { type Dtype, type KernelConfig, kernels, type TypedArray } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocateUnzeroed } from "../../buffer-pool.js";

/**
 * One Adam step over the four arrays in one pass, each value in float64 and rounded once into
 * the output's type (the op-by-op route rounds after every op):
 *   g = grad + λθ;  m' = β1·m + (1 − β1)·g;  v' = β2·v + (1 − β2)·g·g;
 *   θ' = θ − stepSize·m' / (√v' / c2 + ε)
 */
export function adamUpdateImpl(
  param: TypedArray,
  grad: TypedArray,
  expAvg: TypedArray,
  expAvgSq: TypedArray,
  hyper: kernels.AdamUpdateAttrs,
  dtype: Dtype,
): { param: TypedArray; expAvg: TypedArray; expAvgSq: TypedArray } {
  const n = param.length;
  const next = allocateUnzeroed(dtype, n);
  const m = allocateUnzeroed(dtype, n);
  const v = allocateUnzeroed(dtype, n);
  const { beta1, beta2, epsilon, weightDecay, stepSize, correction2 } = hyper;
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  for (let i = 0; i < n; i++) {
    const theta = param[i] as number;
    const g = (grad[i] as number) + weightDecay * theta; // g + λθ
    const mi = beta1 * (expAvg[i] as number) + c1 * g; // β1·m + (1 − β1)·g
    const vi = beta2 * (expAvgSq[i] as number) + c2 * g * g; // β2·v + (1 − β2)·g·g
    m[i] = mi;
    v[i] = vi;
    next[i] = theta - (stepSize * mi) / (Math.sqrt(vi) / correction2 + epsilon);
  }
  return { param: next, expAvg: m, expAvgSq: v };
}

export const adamUpdateConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.AdamUpdate,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { param, grad, expAvg, expAvgSq } = inputs as kernels.AdamUpdateInputs;
    const out = adamUpdateImpl(
      backend.values(param),
      backend.values(grad),
      backend.values(expAvg),
      backend.values(expAvgSq),
      attrs as kernels.AdamUpdateAttrs,
      param.dtype,
    );
    return [
      backend.makeOutput(out.param, param.shape, param.dtype),
      backend.makeOutput(out.expAvg, param.shape, param.dtype),
      backend.makeOutput(out.expAvgSq, param.shape, param.dtype),
    ];
  },
};
