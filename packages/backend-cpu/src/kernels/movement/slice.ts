import {
  type Dtype,
  type KernelConfig,
  kernels,
  sizeFromShape,
  stridesOf,
  type TensorInfo,
  type TypedArray,
} from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocate } from "../../buffer-pool.js";
import { copyRun } from "./copy-run.js";

/**
 * out[i…] = x[begin + i…] for i < size. The trailing axes that are taken whole, together with the
 * last partial axis, form one contiguous run per step of the leading axes.
 */
export function sliceImpl(
  x: TypedArray,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  dtype: Dtype,
): TypedArray {
  const out = allocate(dtype, sizeFromShape(size));
  if (out.length === 0) return out;
  const strides = stridesOf(shape);
  let k = shape.length - 1;
  while (k >= 0 && size[k] === shape[k]) k--;
  if (k < 0) {
    out.set(x);
    return out;
  }
  const run = (size[k] as number) * sizeFromShape(shape.slice(k + 1));
  let base = 0;
  for (let d = 0; d <= k; d++) base += (begin[d] as number) * (strides[d] as number);
  const counter = new Array<number>(k).fill(0);
  for (let dst = 0; dst < out.length; dst += run) {
    copyRun(x, base, out, dst, run);
    for (let d = k - 1; d >= 0; d--) {
      counter[d] = (counter[d] as number) + 1;
      base += strides[d] as number;
      if ((counter[d] as number) < (size[d] as number)) break;
      base -= (strides[d] as number) * (size[d] as number);
      counter[d] = 0;
    }
  }
  return out;
}

export const sliceConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.Slice,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    const { begin, size } = attrs as kernels.SliceAttrs;
    return backend.makeOutput(
      sliceImpl(backend.values(x), x.shape, begin, size, x.dtype),
      size,
      x.dtype,
    );
  },
};
