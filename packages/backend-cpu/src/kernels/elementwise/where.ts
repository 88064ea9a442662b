import {
  broadcastShapes,
  type Dtype,
  type KernelConfig,
  kernels,
  sameShape,
  sizeFromShape,
  type TensorInfo,
  type TypedArray,
} from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocate } from "../../buffer-pool.js";
import { broadcastIndex } from "./binary-kernel.js";

/** out = condition ≠ 0 ? a : b, all three broadcast together to `shape`. */
export function whereImpl(
  condition: TypedArray,
  conditionShape: readonly number[],
  a: TypedArray,
  aShape: readonly number[],
  b: TypedArray,
  bShape: readonly number[],
  dtype: Dtype,
): { values: TypedArray; shape: number[] } {
  const shape = broadcastShapes("where", broadcastShapes("where", conditionShape, aShape), bShape);
  const out = allocate(dtype, sizeFromShape(shape));
  const n = out.length;
  const full = (s: readonly number[], values: TypedArray) =>
    sameShape(s, shape) ? 1 : values.length === 1 ? 0 : -1;
  const sc = full(conditionShape, condition);
  const sa = full(aShape, a);
  const sb = full(bShape, b);
  if (sc === 1 && sa === 1 && sb === 1) {
    for (let i = 0; i < n; i++) out[i] = condition[i] !== 0 ? (a[i] as number) : (b[i] as number);
  } else if (sc >= 0 && sa >= 0 && sb >= 0) {
    // each input is either the output's shape (step 1) or a single value (step 0)
    for (let i = 0; i < n; i++) {
      out[i] = condition[i * sc] !== 0 ? (a[i * sa] as number) : (b[i * sb] as number);
    }
  } else {
    const ic = broadcastIndex(conditionShape, shape);
    const ia = broadcastIndex(aShape, shape);
    const ib = broadcastIndex(bShape, shape);
    for (let i = 0; i < n; i++) {
      out[i] =
        condition[ic[i] as number] !== 0
          ? (a[ia[i] as number] as number)
          : (b[ib[i] as number] as number);
    }
  }
  return { values: out, shape };
}

export const whereConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.Where,
  backendName: "cpu",
  kernelFunc: ({ inputs, backend }) => {
    const { condition, a, b } = inputs as { condition: TensorInfo; a: TensorInfo; b: TensorInfo };
    const { values, shape } = whereImpl(
      backend.values(condition),
      condition.shape,
      backend.values(a),
      a.shape,
      backend.values(b),
      b.shape,
      a.dtype,
    );
    return backend.makeOutput(values, shape, a.dtype);
  },
};
