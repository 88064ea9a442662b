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
 * Splits a row-major array along `axis`. Seen as [outer, n, inner] with outer = Π shape[:axis],
 * inner = Π shape[axis+1:]: out_k[o, :] = x[o, k, :], one contiguous run of `inner` per outer step.
 */
export function unstackImpl(
  x: TypedArray,
  shape: readonly number[],
  axis: number,
  dtype: Dtype,
): TypedArray[] {
  const n = shape[axis] as number;
  const outer = sizeFromShape(shape.slice(0, axis));
  const inner = sizeFromShape(shape.slice(axis + 1));
  const outs: TypedArray[] = [];
  for (let k = 0; k < n; k++) {
    const out = allocate(dtype, outer * inner);
    for (let o = 0; o < outer; o++) copyRun(x, (o * n + k) * inner, out, o * inner, inner);
    outs.push(out);
  }
  return outs;
}

export const unstackConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.Unstack,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    const { axis } = attrs as kernels.UnstackAttrs;
    const shape = x.shape.filter((_, d) => d !== axis);
    return unstackImpl(backend.values(x), x.shape, axis, x.dtype).map((values) =>
      backend.makeOutput(values, [...shape], x.dtype),
    );
  },
};
