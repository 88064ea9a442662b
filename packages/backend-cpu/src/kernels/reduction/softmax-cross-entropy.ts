import { type Dtype, type KernelConfig, kernels, type TypedArray } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocate, allocateUnzeroed } from "../../buffer-pool.js";
import { EXP_WASM_MIN, expWasm } from "../../wasm/exp-wasm.js";
import { shiftRows } from "./shift-rows.js";

let shiftedScratch = new Float32Array(0);

/**
 * e_rc = exp(x_rc − m_r) into `out`: float32 through the WebAssembly SIMD exp when the rows are
 * large enough, else `Math.exp`. Returns the row maxima m_r (shiftRows's scratch).
 */
function shiftedExp(x: TypedArray, rows: number, classes: number, out: TypedArray): Float64Array {
  const rowMax = shiftRows(x, rows, classes, out);
  if (out instanceof Float32Array && out.length >= EXP_WASM_MIN && expWasm(out, out)) return rowMax;
  for (let i = 0; i < rows * classes; i++) out[i] = Math.exp(out[i] as number);
  return rowMax;
}

/** ℓ_r = log Σ_c exp(x_rc − m_r) − (x_{r,y_r} − m_r), per row of [rows, classes]. */
export function softmaxCrossEntropyImpl(
  x: TypedArray,
  labels: TypedArray,
  rows: number,
  classes: number,
  dtype: Dtype,
): TypedArray {
  const loss = allocate(dtype, rows);
  if (shiftedScratch.length < rows * classes) shiftedScratch = new Float32Array(rows * classes);
  const e =
    x instanceof Float32Array
      ? shiftedScratch.subarray(0, rows * classes)
      : new Float64Array(rows * classes);
  const rowMax = shiftedExp(x, rows, classes, e);
  for (let r = 0; r < rows; r++) {
    const start = r * classes;
    let s = 0;
    for (let c = start; c < start + classes; c++) s += e[c] as number;
    const y = labels[r] as number;
    loss[r] = Math.log(s) - ((x[start + y] as number) - (rowMax[r] as number));
  }
  return loss;
}

/** dx_rc = (softmax(x)_rc − [c = y_r])·dy_r. */
export function softmaxCrossEntropyGradImpl(
  x: TypedArray,
  labels: TypedArray,
  dy: TypedArray,
  rows: number,
  classes: number,
  dtype: Dtype,
): TypedArray {
  const out = allocateUnzeroed(dtype, rows * classes);
  shiftedExp(x, rows, classes, out);
  for (let r = 0; r < rows; r++) {
    const start = r * classes;
    let s = 0;
    for (let c = start; c < start + classes; c++) s += out[c] as number;
    const g = dy[r] as number;
    const scale = g / s;
    for (let c = start; c < start + classes; c++) out[c] = (out[c] as number) * scale;
    const y = start + (labels[r] as number);
    out[y] = (out[y] as number) - g;
  }
  return out;
}

/** One pass over the logits for the loss (the op checked the labels). */
export const softmaxCrossEntropyConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.SoftmaxCrossEntropy,
  backendName: "cpu",
  kernelFunc: ({ inputs, backend }) => {
    const { logits, labels } = inputs as kernels.SoftmaxCrossEntropyInputs;
    const [rows, classes] = logits.shape as [number, number];
    const values = softmaxCrossEntropyImpl(
      backend.values(logits),
      backend.values(labels),
      rows,
      classes,
      logits.dtype,
    );
    return backend.makeOutput(values, [rows], logits.dtype);
  },
};

/** One pass for the gradient: softmax, minus one at the label, times dy. */
export const softmaxCrossEntropyGradConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.SoftmaxCrossEntropyGrad,
  backendName: "cpu",
  kernelFunc: ({ inputs, backend }) => {
    const { logits, labels, dy } = inputs as kernels.SoftmaxCrossEntropyGradInputs;
    const [rows, classes] = logits.shape as [number, number];
    const values = softmaxCrossEntropyGradImpl(
      backend.values(logits),
      backend.values(labels),
      backend.values(dy),
      rows,
      classes,
      logits.dtype,
    );
    return backend.makeOutput(values, [rows, classes], logits.dtype);
  },
};
