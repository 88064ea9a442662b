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

/** Sum over `axes` of a row-major array. */
export function sumImpl(
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
      let acc = 0;
      for (let r = 0; r < reduced; r++) acc += values[base + r] as number;
      out[o] = acc;
    } else {
      const ob = o * inner;
      for (let r = 0; r < reduced; r++) {
        const rb = base + r * inner;
        let i = 0;
        for (; i + 3 < inner; i += 4) {
          out[ob + i] = (out[ob + i] as number) + (values[rb + i] as number);
          out[ob + i + 1] = (out[ob + i + 1] as number) + (values[rb + i + 1] as number);
          out[ob + i + 2] = (out[ob + i + 2] as number) + (values[rb + i + 2] as number);
          out[ob + i + 3] = (out[ob + i + 3] as number) + (values[rb + i + 3] as number);
        }
        for (; i < inner; i++) out[ob + i] = (out[ob + i] as number) + (values[rb + i] as number);
      }
    }
  }
  return out;
}

export const sumConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.Sum,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    const { axes, keepDims } = attrs as kernels.ReduceAttrs;
    const values = sumImpl(backend.values(x), x.shape, axes, x.dtype);
    return backend.makeOutput(values, reducedShape(x.shape, axes, keepDims), x.dtype);
  },
};
