import {
  type Dtype,
  type KernelConfig,
  kernels,
  reducedShape,
  type TensorInfo,
  type TypedArray,
} from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocate } from "../../buffer-pool.js";
import { reduceLayout } from "./reduce-layout.js";

/** Max over `axes` of a row-major array (every reduced axis non-empty); NaN wins over numbers. */
export function maxImpl(
  x: TypedArray,
  shape: readonly number[],
  axes: readonly number[],
  dtype: Dtype,
): TypedArray {
  const { values, outer, reduced, inner } = reduceLayout(x, shape, axes, dtype);
  const out = allocate(dtype, outer * inner);
  for (let o = 0; o < outer; o++) {
    const base = o * reduced * inner;
    if (inner === 1) {
      let best = values[base] as number;
      for (let r = 1; r < reduced; r++) {
        const v = values[base + r] as number;
        // NaN propagates (once best is NaN, no comparison replaces it)
        if (v > best || Number.isNaN(v)) best = v;
      }
      out[o] = best;
    } else {
      const ob = o * inner;
      for (let i = 0; i < inner; i++) out[ob + i] = values[base + i] as number;
      for (let r = 1; r < reduced; r++) {
        const rb = base + r * inner;
        for (let i = 0; i < inner; i++) {
          const v = values[rb + i] as number;
          if (v > (out[ob + i] as number) || Number.isNaN(v)) out[ob + i] = v;
        }
      }
    }
  }
  return out;
}

export const maxConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.Max,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    const { axes, keepDims } = attrs as kernels.ReduceAttrs;
    const values = maxImpl(backend.values(x), x.shape, axes, x.dtype);
    return backend.makeOutput(values, reducedShape(x.shape, axes, keepDims), x.dtype);
  },
};
