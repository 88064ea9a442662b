import { type Dtype, type KernelConfig, kernels, type TypedArray } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocate } from "../../buffer-pool.js";
import { matMulImpl } from "../linalg/mat-mul.js";
import { sigmoid } from "./activation.js";

/**
 * One GRU step on row-major arrays (gate order r, z, n). Returns h' [B,H] and the saved gates
 * [B,4H] = r, z, n, hn, where hn is the recurrent part of n's pre-activation.
 */
export function gruCellImpl(
  xProj: TypedArray,
  h: TypedArray,
  weightHh: TypedArray,
  biasHh: TypedArray,
  batch: number,
  hidden: number,
  resetAfter: boolean,
  dtype: Dtype,
): { hNew: TypedArray; gates: TypedArray } {
  const H = hidden;
  const hNew = allocate(dtype, batch * H);
  const gates = allocate(dtype, batch * 4 * H);
  // rec [B,3H] = h·W_hhᵀ, or only its r, z columns [B,2H] = h·W_{hr,hz}ᵀ without resetAfter
  const recWidth = resetAfter ? 3 * H : 2 * H;
  const rec = allocate(dtype, batch * recWidth);
  matMulImpl(h, weightHh.subarray(0, recWidth * H), batch, H, recWidth, false, true, rec);
  for (let b = 0; b < batch; b++) {
    const x = b * 3 * H;
    const g = b * 4 * H;
    const q = b * recWidth;
    for (let j = 0; j < H; j++) {
      // r = σ(x_r + W_hr h + b_hr),  z = σ(x_z + W_hz h + b_hz)
      gates[g + j] = sigmoid(
        (xProj[x + j] as number) + (rec[q + j] as number) + (biasHh[j] as number),
      );
      gates[g + H + j] = sigmoid(
        (xProj[x + H + j] as number) + (rec[q + H + j] as number) + (biasHh[H + j] as number),
      );
      // resetAfter: hn = W_hn h + b_hn
      if (resetAfter)
        gates[g + 3 * H + j] = (rec[q + 2 * H + j] as number) + (biasHh[2 * H + j] as number);
    }
  }
  if (!resetAfter) {
    // hn = W_hn (r∘h) + b_hn
    const rh = allocate(dtype, batch * H);
    for (let b = 0; b < batch; b++) {
      for (let j = 0; j < H; j++)
        rh[b * H + j] = (gates[b * 4 * H + j] as number) * (h[b * H + j] as number);
    }
    const hn = allocate(dtype, batch * H);
    matMulImpl(rh, weightHh.subarray(2 * H * H), batch, H, H, false, true, hn);
    for (let b = 0; b < batch; b++) {
      for (let j = 0; j < H; j++) {
        gates[b * 4 * H + 3 * H + j] = (hn[b * H + j] as number) + (biasHh[2 * H + j] as number);
      }
    }
  }
  for (let b = 0; b < batch; b++) {
    const x = b * 3 * H;
    const g = b * 4 * H;
    for (let j = 0; j < H; j++) {
      const r = gates[g + j] as number;
      const z = gates[g + H + j] as number;
      const hn = gates[g + 3 * H + j] as number;
      // resetAfter: n = tanh(x_n + r∘hn);  otherwise n = tanh(x_n + hn)
      const n = Math.tanh((xProj[x + 2 * H + j] as number) + (resetAfter ? r * hn : hn));
      gates[g + 2 * H + j] = n;
      // h' = (1 − z)∘n + z∘h
      hNew[b * H + j] = (1 - z) * n + z * (h[b * H + j] as number);
    }
  }
  return { hNew, gates };
}

export const gruCellConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.GruCell,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { xProj, h, weightHh, biasHh } = inputs as kernels.GruCellInputs;
    const { resetAfter } = attrs as kernels.GruCellAttrs;
    const [batch, hidden] = h.shape as [number, number];
    const { hNew, gates } = gruCellImpl(
      backend.values(xProj),
      backend.values(h),
      backend.values(weightHh),
      backend.values(biasHh),
      batch,
      hidden,
      resetAfter,
      h.dtype,
    );
    return [
      backend.makeOutput(hNew, [batch, hidden], h.dtype),
      backend.makeOutput(gates, [batch, 4 * hidden], h.dtype),
    ];
  },
};
