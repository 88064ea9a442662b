import {
  type Dtype,
  type KernelConfig,
  kernels,
  type TensorInfo,
  type TypedArray,
} from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocate } from "../../buffer-pool.js";

/** out[j, k] = onValue if indices[j] = k else offValue (indices range-checked by the op). */
export function oneHotImpl(
  indices: Int32Array,
  depth: number,
  onValue: number,
  offValue: number,
  dtype: Dtype,
): TypedArray {
  const out = allocate(dtype, indices.length * depth);
  if (offValue !== 0) out.fill(offValue);
  for (let j = 0; j < indices.length; j++) out[j * depth + (indices[j] as number)] = onValue;
  return out;
}

export const oneHotConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.OneHot,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { indices } = inputs as { indices: TensorInfo };
    const { depth, onValue, offValue, dtype } = attrs as kernels.OneHotAttrs;
    const values = oneHotImpl(
      backend.values(indices) as Int32Array,
      depth,
      onValue,
      offValue,
      dtype,
    );
    return backend.makeOutput(values, [...indices.shape, depth], dtype);
  },
};
