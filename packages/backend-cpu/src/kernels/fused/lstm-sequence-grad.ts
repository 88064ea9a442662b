import { type Dtype, type KernelConfig, kernels, type TypedArray } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocate } from "../../buffer-pool.js";
import { lstmSequenceGradWasm } from "../../wasm/lstm-sequence-wasm.js";
import { matMulImpl } from "../linalg/mat-mul.js";

/** Gradients of an LSTM sequence's inputs (layouts of the LstmSequenceGrad kernel). */
export interface LstmSequenceGradResult {
  /** [B,T,4H] */
  dXProj: TypedArray;
  dH0: TypedArray;
  dC0: TypedArray;
  /** [4H,H] */
  dWeightHh: TypedArray;
}

/** Arguments of lstmSequenceGradImpl: the kernel's inputs as arrays (see LstmSequenceGrad). */
export interface LstmSequenceGradArrays {
  dhSeq: TypedArray;
  dhN: TypedArray;
  dcN: TypedArray;
  gates: TypedArray;
  cSeq: TypedArray;
  hSeq: TypedArray;
  h0: TypedArray;
  c0: TypedArray;
  weightHh: TypedArray;
}

/**
 * Backpropagation through the T steps of an LSTM sequence, last processed step first; the weight
 * gradient is one product at the end, dW_hh = Σ_s dGates_sᵀ·h_{s−1} = dGatesᵀ [4H, T·B] × [T·B, H].
 * float32 goes through WebAssembly SIMD when available.
 */
export function lstmSequenceGradImpl(
  a: LstmSequenceGradArrays,
  batch: number,
  steps: number,
  hidden: number,
  goBackwards: boolean,
  dtype: Dtype,
): LstmSequenceGradResult {
  const wasm = lstmSequenceGradWasm(a, batch, steps, hidden, goBackwards);
  if (wasm !== undefined) return wasm;
  const B = batch;
  const T = steps;
  const H = hidden;
  const G = 4 * H;
  const position = (s: number) => (goBackwards ? T - 1 - s : s);
  const { dhSeq, gates, cSeq, hSeq, c0, weightHh } = a;
  // dGates of every step, processing order [T·B, 4H], and the state each step read, h_{s−1}
  const dGates = allocate(dtype, T * B * G);
  const hPrev = allocate(dtype, T * B * H);
  hPrev.set(a.h0.subarray(0, B * H), 0);
  for (let s = 1; s < T; s++) {
    const t = position(s - 1);
    for (let b = 0; b < B; b++) {
      hPrev.set(hSeq.subarray((b * T + t) * H, (b * T + t + 1) * H), (s * B + b) * H);
    }
  }
  // dh, dc flowing back into the step being processed (from the later steps and from hN, cN)
  let dhRec: TypedArray = a.dhN.slice(0, B * H);
  const dc = a.dcN.slice(0, B * H);
  const dXProj = allocate(dtype, B * T * G);
  for (let s = T - 1; s >= 0; s--) {
    const t = position(s);
    const gOff = s * B * G;
    const cNewOff = s * B * H;
    const cPrev = s > 0 ? cSeq : c0;
    const cPrevOff = s > 0 ? (s - 1) * B * H : 0;
    for (let b = 0; b < B; b++) {
      const row = gOff + b * G;
      const xRow = (b * T + t) * G;
      for (let j = 0; j < H; j++) {
        const k = b * H + j;
        const i = gates[row + j] as number;
        const f = gates[row + H + j] as number;
        const g = gates[row + 2 * H + j] as number;
        const o = gates[row + 3 * H + j] as number;
        // dh_t = dhSeq_t + (gradient through h_t's use at the next step)
        const dh = (dhSeq[(b * T + t) * H + j] as number) + (dhRec[k] as number);
        const tc = Math.tanh(cSeq[cNewOff + k] as number);
        // dc̃ = dc_t + dh_t∘o∘(1 − tanh²c_t)   (h_t = o∘tanh(c_t))
        const dct = (dc[k] as number) + dh * o * (1 - tc * tc);
        // pre-activation gradients, σ' = σ(1 − σ), tanh' = 1 − tanh²  (c_t = f∘c_{t−1} + i∘g)
        const di = dct * g * i * (1 - i);
        const df = dct * (cPrev[cPrevOff + k] as number) * f * (1 - f);
        const dg = dct * i * (1 - g * g);
        const dO = dh * tc * o * (1 - o);
        dGates[row + j] = di;
        dGates[row + H + j] = df;
        dGates[row + 2 * H + j] = dg;
        dGates[row + 3 * H + j] = dO;
        dXProj[xRow + j] = di;
        dXProj[xRow + H + j] = df;
        dXProj[xRow + 2 * H + j] = dg;
        dXProj[xRow + 3 * H + j] = dO;
        // dc_{t−1} = dc̃∘f
        dc[k] = dct * f;
      }
    }
    // dh_{t−1} (recurrent part) = dGates_t·W_hh
    const next = allocate(dtype, B * H);
    matMulImpl(dGates, weightHh, B, G, H, false, false, next, { aOffset: gOff });
    dhRec = next;
  }
  // dW_hh = Σ_s dGates_sᵀ·h_{s−1}
  const dWeightHh = allocate(dtype, G * H);
  matMulImpl(dGates, hPrev, G, T * B, H, true, false, dWeightHh);
  return { dXProj, dH0: dhRec, dC0: dc, dWeightHh };
}

export const lstmSequenceGradConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.LstmSequenceGrad,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const i = inputs as kernels.LstmSequenceGradInputs;
    const { goBackwards } = attrs as kernels.LstmSequenceAttrs;
    const [B, T, H] = i.hSeq.shape as [number, number, number];
    const dtype = i.h0.dtype;
    const out = lstmSequenceGradImpl(
      {
        dhSeq: backend.values(i.dhSeq),
        dhN: backend.values(i.dhN),
        dcN: backend.values(i.dcN),
        gates: backend.values(i.gates),
        cSeq: backend.values(i.cSeq),
        hSeq: backend.values(i.hSeq),
        h0: backend.values(i.h0),
        c0: backend.values(i.c0),
        weightHh: backend.values(i.weightHh),
      },
      B,
      T,
      H,
      goBackwards,
      dtype,
    );
    return [
      backend.makeOutput(out.dXProj, [B, T, 4 * H], dtype),
      backend.makeOutput(out.dH0, [B, H], dtype),
      backend.makeOutput(out.dC0, [B, H], dtype),
      backend.makeOutput(out.dWeightHh, [4 * H, H], dtype),
    ];
  },
};
