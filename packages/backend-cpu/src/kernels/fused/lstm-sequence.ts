import { type Dtype, type KernelConfig, kernels, type TypedArray } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocate } from "../../buffer-pool.js";
import { lstmSequenceWasm } from "../../wasm/lstm-sequence-wasm.js";
import { matMulImpl } from "../linalg/mat-mul.js";
import { sigmoid } from "./activation.js";

/** The saved and visible results of an LSTM sequence (layouts of the LstmSequence kernel). */
export interface LstmSequenceResult {
  /** [B,T,H], h_t at each input position */
  hSeq: TypedArray;
  hN: TypedArray;
  cN: TypedArray;
  /** [T,B,4H] activated gates, processing order */
  gates: TypedArray;
  /** [T,B,H] cell states, processing order */
  cSeq: TypedArray;
}

/**
 * T LSTM steps on row-major arrays (gate order i, f, g, o); step s works on input position
 * t = s, or T−1−s with `goBackwards`. float32 goes through WebAssembly SIMD when available.
 */
export function lstmSequenceImpl(
  xProj: TypedArray,
  h0: TypedArray,
  c0: TypedArray,
  weightHh: TypedArray,
  batch: number,
  steps: number,
  hidden: number,
  goBackwards: boolean,
  dtype: Dtype,
): LstmSequenceResult {
  if (
    xProj instanceof Float32Array &&
    h0 instanceof Float32Array &&
    c0 instanceof Float32Array &&
    weightHh instanceof Float32Array
  ) {
    const result = lstmSequenceWasm(xProj, h0, c0, weightHh, batch, steps, hidden, goBackwards);
    if (result !== undefined) return result;
  }
  const B = batch;
  const T = steps;
  const H = hidden;
  const G = 4 * H;
  const hSeq = allocate(dtype, B * T * H);
  const gates = allocate(dtype, T * B * G);
  const cSeq = allocate(dtype, T * B * H);
  let hPrev: TypedArray = h0;
  let cPrev: TypedArray = c0;
  let cPrevOffset = 0;
  for (let s = 0; s < T; s++) {
    const t = goBackwards ? T - 1 - s : s;
    const gOff = s * B * G;
    const cOff = s * B * H;
    // pre-activations h_{t−1}·W_hhᵀ into this step's gate rows (activated in place below)
    matMulImpl(hPrev, weightHh, B, H, G, false, true, gates, { outOffset: gOff });
    const hCur = allocate(dtype, B * H);
    for (let b = 0; b < B; b++) {
      const row = gOff + b * G;
      const xRow = (b * T + t) * G;
      for (let j = 0; j < H; j++) {
        // i = σ(·), f = σ(·), g = tanh(·), o = σ(·) of xProj_t + h_{t−1}·W_hhᵀ
        const i = sigmoid((xProj[xRow + j] as number) + (gates[row + j] as number));
        const f = sigmoid((xProj[xRow + H + j] as number) + (gates[row + H + j] as number));
        const g = Math.tanh(
          (xProj[xRow + 2 * H + j] as number) + (gates[row + 2 * H + j] as number),
        );
        const o = sigmoid((xProj[xRow + 3 * H + j] as number) + (gates[row + 3 * H + j] as number));
        gates[row + j] = i;
        gates[row + H + j] = f;
        gates[row + 2 * H + j] = g;
        gates[row + 3 * H + j] = o;
        // c_t = f∘c_{t−1} + i∘g;  h_t = o∘tanh(c_t)
        const k = b * H + j;
        const cn = f * (cPrev[cPrevOffset + k] as number) + i * g;
        cSeq[cOff + k] = cn;
        const hn = o * Math.tanh(cn);
        hCur[k] = hn;
        hSeq[(b * T + t) * H + j] = hn;
      }
    }
    hPrev = hCur;
    cPrev = cSeq;
    cPrevOffset = cOff;
  }
  const hN = hPrev;
  const cN = cSeq.slice(cPrevOffset, cPrevOffset + B * H);
  return { hSeq, hN, cN, gates, cSeq };
}

export const lstmSequenceConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.LstmSequence,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { xProj, h0, c0, weightHh } = inputs as kernels.LstmSequenceInputs;
    const { goBackwards } = attrs as kernels.LstmSequenceAttrs;
    const [B, T] = xProj.shape as [number, number, number];
    const H = h0.shape[1] as number;
    const dtype = h0.dtype;
    const out = lstmSequenceImpl(
      backend.values(xProj),
      backend.values(h0),
      backend.values(c0),
      backend.values(weightHh),
      B,
      T,
      H,
      goBackwards,
      dtype,
    );
    return [
      backend.makeOutput(out.hSeq, [B, T, H], dtype),
      backend.makeOutput(out.hN, [B, H], dtype),
      backend.makeOutput(out.cN, [B, H], dtype),
      backend.makeOutput(out.gates, [T, B, 4 * H], dtype),
      backend.makeOutput(out.cSeq, [T, B, H], dtype),
    ];
  },
};
