import { type Dtype, type KernelConfig, kernels, type TypedArray } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocate } from "../../buffer-pool.js";
import { lstmCellGradWasm } from "../../wasm/lstm-cell-wasm.js";
import { matMulImpl } from "../linalg/mat-mul.js";

/**
 * Backward of one LSTM step: from dh', dc' and the saved activated gates (i, f, g, o), c, c',
 * h, W_hh, the gradients of xProj [B,4H], h [B,H], c [B,H] and W_hh [4H,H]. float32 arrays go
 * through WebAssembly SIMD when available (wasm/).
 */
export function lstmCellGradImpl(
  dh: TypedArray,
  dc: TypedArray,
  gates: TypedArray,
  c: TypedArray,
  cNew: TypedArray,
  h: TypedArray,
  weightHh: TypedArray,
  batch: number,
  hidden: number,
  dtype: Dtype,
  weightOwner?: object,
): { dXProj: TypedArray; dH: TypedArray; dC: TypedArray; dWeightHh: TypedArray } {
  if (
    dh instanceof Float32Array &&
    dc instanceof Float32Array &&
    gates instanceof Float32Array &&
    c instanceof Float32Array &&
    cNew instanceof Float32Array &&
    h instanceof Float32Array &&
    weightHh instanceof Float32Array
  ) {
    const result = lstmCellGradWasm(
      dh,
      dc,
      gates,
      c,
      cNew,
      h,
      weightHh,
      batch,
      hidden,
      weightOwner,
    );
    if (result !== undefined) return result;
  }
  const H = hidden;
  const G = 4 * H;
  const dXProj = allocate(dtype, batch * G);
  const dC = allocate(dtype, batch * H);
  for (let b = 0; b < batch; b++) {
    const row = b * G;
    for (let j = 0; j < H; j++) {
      const k = b * H + j;
      const i = gates[row + j] as number;
      const f = gates[row + H + j] as number;
      const g = gates[row + 2 * H + j] as number;
      const o = gates[row + 3 * H + j] as number;
      const dhk = dh[k] as number;
      const tc = Math.tanh(cNew[k] as number);
      // total dc' = dc' + dh'∘o∘(1 − tanh²c')   (h' = o∘tanh(c'))
      const dct = (dc[k] as number) + dhk * o * (1 - tc * tc);
      // pre-activation gradients, σ' = σ(1 − σ), tanh' = 1 − tanh²  (c' = f∘c + i∘g)
      dXProj[row + j] = dct * g * i * (1 - i);
      dXProj[row + H + j] = dct * (c[k] as number) * f * (1 - f);
      dXProj[row + 2 * H + j] = dct * i * (1 - g * g);
      dXProj[row + 3 * H + j] = dhk * tc * o * (1 - o);
      // dc = dc'∘f
      dC[k] = dct * f;
    }
  }
  // dh = dGates·W_hh;  dW_hh = dGatesᵀ·h   (dGates = dXProj)
  const dH = allocate(dtype, batch * H);
  matMulImpl(dXProj, weightHh, batch, G, H, false, false, dH);
  const dWeightHh = allocate(dtype, G * H);
  matMulImpl(dXProj, h, G, batch, H, true, false, dWeightHh);
  return { dXProj, dH, dC, dWeightHh };
}

export const lstmCellGradConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.LstmCellGrad,
  backendName: "cpu",
  kernelFunc: ({ inputs, backend }) => {
    const { dh, dc, gates, c, cNew, h, weightHh } = inputs as kernels.LstmCellGradInputs;
    const [batch, hidden] = h.shape as [number, number];
    const dtype = h.dtype;
    const out = lstmCellGradImpl(
      backend.values(dh),
      backend.values(dc),
      backend.values(gates),
      backend.values(c),
      backend.values(cNew),
      backend.values(h),
      backend.values(weightHh),
      batch,
      hidden,
      dtype,
      backend.residentOwner(weightHh),
    );
    return [
      backend.makeOutput(out.dXProj, [batch, 4 * hidden], dtype),
      backend.makeOutput(out.dH, [batch, hidden], dtype),
      backend.makeOutput(out.dC, [batch, hidden], dtype),
      backend.makeOutput(out.dWeightHh, [4 * hidden, hidden], dtype),
    ];
  },
};
