import { type Dtype, type KernelConfig, kernels, type TypedArray } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocate } from "../../buffer-pool.js";
import { gruSequenceGradWasm } from "../../wasm/gru-sequence-wasm.js";
import { matMulImpl } from "../linalg/mat-mul.js";
import { gruStepBackward } from "./gru-cell-grad.js";

/**
 * Backpropagation through the T steps of a GRU sequence, last processed step first. The weight
 * gradients are products over all steps at the end:
 *   dW_{hr,hz} = Σ_s d(r,z)_sᵀ·h_{s−1};  dW_hn = Σ_s dhn_sᵀ·h_{s−1} (or ·(r∘h_{s−1}), the course's form)
 *   db_hh = Σ_s Σ_batch [d(r,z)_s, dhn_s]
 */
export function gruSequenceGradImpl(
  dhSeq: TypedArray,
  dhN: TypedArray,
  gates: TypedArray,
  hSeq: TypedArray,
  h0: TypedArray,
  weightHh: TypedArray,
  batch: number,
  steps: number,
  hidden: number,
  resetAfter: boolean,
  goBackwards: boolean,
  dtype: Dtype,
): { dXProj: TypedArray; dH0: TypedArray; dWeightHh: TypedArray; dBiasHh: TypedArray } {
  if (
    dhSeq instanceof Float32Array &&
    dhN instanceof Float32Array &&
    gates instanceof Float32Array &&
    hSeq instanceof Float32Array &&
    h0 instanceof Float32Array &&
    weightHh instanceof Float32Array
  ) {
    const result = gruSequenceGradWasm(
      dhSeq,
      dhN,
      gates,
      hSeq,
      h0,
      weightHh,
      batch,
      steps,
      hidden,
      resetAfter,
      goBackwards,
    );
    if (result !== undefined) return result;
  }
  const B = batch;
  const T = steps;
  const H = hidden;
  const BH = B * H;
  const position = (s: number) => (goBackwards ? T - 1 - s : s);
  // h_{s−1} of every step, processing order [T·B, H]
  const hPrev = allocate(dtype, T * BH);
  hPrev.set(h0.subarray(0, BH), 0);
  for (let s = 1; s < T; s++) {
    const t = position(s - 1);
    for (let b = 0; b < B; b++) {
      hPrev.set(hSeq.subarray((b * T + t) * H, (b * T + t + 1) * H), (s * B + b) * H);
    }
  }
  const dRzAll = allocate(dtype, T * B * 2 * H);
  const dHnAll = allocate(dtype, T * BH);
  const rhAll = resetAfter ? hPrev : allocate(dtype, T * BH);
  const dXProj = allocate(dtype, B * T * 3 * H);
  const dh = allocate(dtype, BH);
  let dhRec: TypedArray = dhN;
  for (let s = T - 1; s >= 0; s--) {
    const t = position(s);
    // dh_t = dhSeq_t + the gradient through h_t's use at the next step (hN's at the last)
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        dh[b * H + j] = (dhSeq[(b * T + t) * H + j] as number) + (dhRec[b * H + j] as number);
      }
    }
    const step = gruStepBackward(
      dh,
      gates.subarray(s * B * 4 * H, (s + 1) * B * 4 * H),
      hPrev.subarray(s * BH, (s + 1) * BH),
      weightHh,
      B,
      H,
      resetAfter,
      dtype,
    );
    for (let b = 0; b < B; b++) {
      dXProj.set(step.dXProj.subarray(b * 3 * H, (b + 1) * 3 * H), (b * T + t) * 3 * H);
    }
    dRzAll.set(step.dRz, s * B * 2 * H);
    dHnAll.set(step.dHn, s * BH);
    if (step.rh !== undefined) rhAll.set(step.rh, s * BH);
    dhRec = step.dH;
  }
  const dWeightHh = allocate(dtype, 3 * H * H);
  matMulImpl(dRzAll, hPrev, 2 * H, T * B, H, true, false, dWeightHh.subarray(0, 2 * H * H));
  matMulImpl(dHnAll, rhAll, H, T * B, H, true, false, dWeightHh.subarray(2 * H * H));
  const dBiasHh = allocate(dtype, 3 * H);
  for (let r = 0; r < T * B; r++) {
    for (let j = 0; j < 2 * H; j++)
      dBiasHh[j] = (dBiasHh[j] as number) + (dRzAll[r * 2 * H + j] as number);
    for (let j = 0; j < H; j++)
      dBiasHh[2 * H + j] = (dBiasHh[2 * H + j] as number) + (dHnAll[r * H + j] as number);
  }
  return { dXProj, dH0: dhRec === dhN ? dhN.slice(0, BH) : dhRec, dWeightHh, dBiasHh };
}

export const gruSequenceGradConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.GruSequenceGrad,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const i = inputs as kernels.GruSequenceGradInputs;
    const { resetAfter, goBackwards } = attrs as kernels.GruSequenceAttrs;
    const [B, T, H] = i.hSeq.shape as [number, number, number];
    const dtype = i.h0.dtype;
    const out = gruSequenceGradImpl(
      backend.values(i.dhSeq),
      backend.values(i.dhN),
      backend.values(i.gates),
      backend.values(i.hSeq),
      backend.values(i.h0),
      backend.values(i.weightHh),
      B,
      T,
      H,
      resetAfter,
      goBackwards,
      dtype,
    );
    return [
      backend.makeOutput(out.dXProj, [B, T, 3 * H], dtype),
      backend.makeOutput(out.dH0, [B, H], dtype),
      backend.makeOutput(out.dWeightHh, [3 * H, H], dtype),
      backend.makeOutput(out.dBiasHh, [3 * H], dtype),
    ];
  },
};
