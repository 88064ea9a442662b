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
import { copyRun } from "./copy-run.js";

/**
 * out[o, j, i] = x[o, indices[j], i] with x seen as [outer, n, inner] (n = shape[axis]) and the
 * output as [outer, indices.length, inner]. Indices were range-checked by the op.
 */
export function gatherImpl(
  x: TypedArray,
  shape: readonly number[],
  indices: Int32Array,
  axis: number,
  dtype: Dtype,
): TypedArray {
  const outer = sizeFromShape(shape.slice(0, axis));
  const n = shape[axis] as number;
  const inner = sizeFromShape(shape.slice(axis + 1));
  const m = indices.length;
  const out = allocate(dtype, outer * m * inner);
  for (let o = 0; o < outer; o++) {
    const srcBase = o * n;
    const dstBase = o * m;
    if (inner === 1) {
      for (let j = 0; j < m; j++) out[dstBase + j] = x[srcBase + (indices[j] as number)] as number;
    } else {
      for (let j = 0; j < m; j++) {
        copyRun(x, (srcBase + (indices[j] as number)) * inner, out, (dstBase + j) * inner, inner);
      }
    }
  }
  return out;
}

export const gatherConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.Gather,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x, indices } = inputs as { x: TensorInfo; indices: TensorInfo };
    const { axis } = attrs as kernels.GatherAttrs;
    const values = gatherImpl(
      backend.values(x),
      x.shape,
      backend.values(indices) as Int32Array,
      axis,
      x.dtype,
    );
    const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
    return backend.makeOutput(values, shape, x.dtype);
  },
};
