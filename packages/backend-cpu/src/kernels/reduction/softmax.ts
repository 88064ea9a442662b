import {
  type Dtype,
  type KernelConfig,
  kernels,
  type TensorInfo,
  type TypedArray,
} from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocate } from "../../buffer-pool.js";
import { EXP_WASM_MIN, expWasm } from "../../wasm/exp-wasm.js";
import { contiguousLayout } from "./reduce-layout.js";
import { shiftRows } from "./shift-rows.js";

/**
 * Softmax (or, with `log`, log-softmax) along `axis`, one row at a time in float64 (large float32
 * inputs with contiguous rows take their exponentials from WebAssembly SIMD):
 *   m = max(x),  s = Σ exp(x − m),  softmax = exp(x − m) / s,  logSoftmax = x − m − log s
 */
export function softmaxImpl(
  x: TypedArray,
  shape: readonly number[],
  axis: number,
  dtype: Dtype,
  log: boolean,
): TypedArray {
  const { outer, reduced, inner } = contiguousLayout(shape, [axis]) as {
    outer: number;
    reduced: number;
    inner: number;
  };
  const out = allocate(dtype, x.length);
  if (reduced === 0) return out;
  if (
    inner === 1 &&
    x instanceof Float32Array &&
    out instanceof Float32Array &&
    x.length >= EXP_WASM_MIN &&
    softmaxRowsWasm(x, out, outer, reduced, log)
  ) {
    return out;
  }
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const start = o * reduced * inner + i;
      const end = start + reduced * inner;
      let m = x[start] as number;
      for (let j = start + inner; j < end; j += inner) {
        const v = x[j] as number;
        if (v > m || Number.isNaN(v)) m = v;
      }
      let s = 0;
      if (log) {
        for (let j = start; j < end; j += inner) s += Math.exp((x[j] as number) - m);
        const shift = m + Math.log(s);
        for (let j = start; j < end; j += inner) out[j] = (x[j] as number) - shift;
      } else {
        for (let j = start; j < end; j += inner) {
          const e = Math.exp((x[j] as number) - m);
          out[j] = e;
          s += e;
        }
        const scale = 1 / s;
        for (let j = start; j < end; j += inner) out[j] = (out[j] as number) * scale;
      }
    }
  }
  return out;
}

/**
 * The same on contiguous float32 rows with the exponentials through WebAssembly SIMD: out = x − m
 * per row, e = exp(out) in one call, then s per row in float64 and the result as above.
 */
function softmaxRowsWasm(
  x: Float32Array,
  out: Float32Array,
  rows: number,
  width: number,
  log: boolean,
): boolean {
  const rowMax = shiftRows(x, rows, width, out);
  if (!expWasm(out, out)) return false;
  for (let r = 0; r < rows; r++) {
    const start = r * width;
    let s = 0;
    for (let j = start; j < start + width; j++) s += out[j] as number;
    if (log) {
      const shift = (rowMax[r] as number) + Math.log(s);
      for (let j = start; j < start + width; j++) out[j] = (x[j] as number) - shift;
    } else {
      const scale = 1 / s;
      for (let j = start; j < start + width; j++) out[j] = (out[j] as number) * scale;
    }
  }
  return true;
}

export const softmaxConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.Softmax,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    const { axis } = attrs as kernels.SoftmaxAttrs;
    const values = softmaxImpl(backend.values(x), x.shape, axis, x.dtype, false);
    return backend.makeOutput(values, x.shape, x.dtype);
  },
};
