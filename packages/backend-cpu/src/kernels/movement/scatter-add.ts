import {
  type Dtype,
  type KernelConfig,
  kernels,
  sizeFromShape,
  type TensorInfo,
  type TypedArray,
} from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocate } from "../../buffer-pool.js";

/**
 * out = zeros(shape); out[o, indices[j], i] += dy[o, j, i], with out seen as [outer, n, inner]
 * (n = shape[axis]) and dy as [outer, indices.length, inner]. Repeated indices accumulate.
 */
export function scatterAddImpl(
  dy: TypedArray,
  indices: Int32Array,
  axis: number,
  shape: readonly number[],
  dtype: Dtype,
): TypedArray {
  const outer = sizeFromShape(shape.slice(0, axis));
  const n = shape[axis] as number;
  const inner = sizeFromShape(shape.slice(axis + 1));
  const m = indices.length;
  const out = allocate(dtype, outer * n * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < m; j++) {
      const dst = (o * n + (indices[j] as number)) * inner;
      const src = (o * m + j) * inner;
      for (let i = 0; i < inner; i++)
        out[dst + i] = (out[dst + i] as number) + (dy[src + i] as number);
    }
  }
  return out;
}

export const scatterAddConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.ScatterAdd,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { dy, indices } = inputs as { dy: TensorInfo; indices: TensorInfo };
    const { axis, shape } = attrs as kernels.ScatterAddAttrs;
    const values = scatterAddImpl(
      backend.values(dy),
      backend.values(indices) as Int32Array,
      axis,
      shape,
      dy.dtype,
    );
    return backend.makeOutput(values, shape, dy.dtype);
  },
};
