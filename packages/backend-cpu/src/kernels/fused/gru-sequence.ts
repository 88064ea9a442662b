import { type Dtype, type KernelConfig, kernels, type TypedArray } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocate } from "../../buffer-pool.js";
import { gruSequenceWasm } from "../../wasm/gru-sequence-wasm.js";
import { gruCellImpl } from "./gru-cell.js";

/**
 * T GRU steps (gate order r, z, n); step s works on input position t = s, or T−1−s with
 * `goBackwards`. Returns hSeq [B,T,H], hN [B,H] and the saved gates [T,B,4H] (r, z, n, hn).
 * float32 in PyTorch's form goes through WebAssembly SIMD when available.
 */
export function gruSequenceImpl(
  xProj: TypedArray,
  h0: TypedArray,
  weightHh: TypedArray,
  biasHh: TypedArray,
  batch: number,
  steps: number,
  hidden: number,
  resetAfter: boolean,
  goBackwards: boolean,
  dtype: Dtype,
): { hSeq: TypedArray; hN: TypedArray; gates: TypedArray } {
  if (
    xProj instanceof Float32Array &&
    h0 instanceof Float32Array &&
    weightHh instanceof Float32Array &&
    biasHh instanceof Float32Array
  ) {
    const result = gruSequenceWasm(
      xProj,
      h0,
      weightHh,
      biasHh,
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
  const G = 3 * H;
  const hSeq = allocate(dtype, B * T * H);
  const gates = allocate(dtype, T * B * 4 * H);
  const xStep = allocate(dtype, B * G);
  let h = h0;
  for (let s = 0; s < T; s++) {
    const t = goBackwards ? T - 1 - s : s;
    for (let b = 0; b < B; b++)
      xStep.set(xProj.subarray((b * T + t) * G, (b * T + t + 1) * G), b * G);
    // h_t = (1 − z)∘n + z∘h_{t−1}, the step's r, z, n, hn saved
    const step = gruCellImpl(xStep, h, weightHh, biasHh, B, H, resetAfter, dtype);
    gates.set(step.gates, s * B * 4 * H);
    for (let b = 0; b < B; b++) hSeq.set(step.hNew.subarray(b * H, (b + 1) * H), (b * T + t) * H);
    h = step.hNew;
  }
  return { hSeq, hN: h === h0 ? h0.slice(0, B * H) : h, gates };
}

export const gruSequenceConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.GruSequence,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { xProj, h0, weightHh, biasHh } = inputs as kernels.GruSequenceInputs;
    const { resetAfter, goBackwards } = attrs as kernels.GruSequenceAttrs;
    const [B, T] = xProj.shape as [number, number, number];
    const H = h0.shape[1] as number;
    const dtype = h0.dtype;
    const out = gruSequenceImpl(
      backend.values(xProj),
      backend.values(h0),
      backend.values(weightHh),
      backend.values(biasHh),
      B,
      T,
      H,
      resetAfter,
      goBackwards,
      dtype,
    );
    return [
      backend.makeOutput(out.hSeq, [B, T, H], dtype),
      backend.makeOutput(out.hN, [B, H], dtype),
      backend.makeOutput(out.gates, [T, B, 4 * H], dtype),
    ];
  },
};
