import { type Dtype, type KernelConfig, kernels, type TypedArray } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocate } from "../../buffer-pool.js";
import { lstmCellWasm } from "../../wasm/lstm-cell-wasm.js";
import { matMulImpl } from "../linalg/mat-mul.js";
import { sigmoid } from "./activation.js";

/**
 * One LSTM step on row-major arrays (gate order i, f, g, o). Returns h', c' [B,H] and the
 * activated gates [B,4H]. float32 arrays go through WebAssembly SIMD when available (wasm/).
 */
export function lstmCellImpl(
  xProj: TypedArray,
  h: TypedArray,
  c: TypedArray,
  weightHh: TypedArray,
  batch: number,
  hidden: number,
  dtype: Dtype,
  weightOwner?: object,
): { hNew: TypedArray; cNew: TypedArray; gates: TypedArray } {
  if (
    xProj instanceof Float32Array &&
    h instanceof Float32Array &&
    c instanceof Float32Array &&
    weightHh instanceof Float32Array
  ) {
    const result = lstmCellWasm(xProj, h, c, weightHh, batch, hidden, weightOwner);
    if (result !== undefined) return result;
  }
  const H = hidden;
  const G = 4 * H;
  const gates = allocate(dtype, batch * G);
  const hNew = allocate(dtype, batch * H);
  const cNew = allocate(dtype, batch * H);
  // gates = xProj + h·W_hhᵀ (pre-activations first, activated in place below)
  matMulImpl(h, weightHh, batch, H, G, false, true, gates);
  for (let b = 0; b < batch; b++) {
    const row = b * G;
    for (let j = 0; j < H; j++) {
      // i = σ(·), f = σ(·), g = tanh(·), o = σ(·)
      const i = sigmoid((xProj[row + j] as number) + (gates[row + j] as number));
      const f = sigmoid((xProj[row + H + j] as number) + (gates[row + H + j] as number));
      const g = Math.tanh((xProj[row + 2 * H + j] as number) + (gates[row + 2 * H + j] as number));
      const o = sigmoid((xProj[row + 3 * H + j] as number) + (gates[row + 3 * H + j] as number));
      gates[row + j] = i;
      gates[row + H + j] = f;
      gates[row + 2 * H + j] = g;
      gates[row + 3 * H + j] = o;
      // c' = f∘c + i∘g;  h' = o∘tanh(c')
      const k = b * H + j;
      const cn = f * (c[k] as number) + i * g;
      cNew[k] = cn;
      hNew[k] = o * Math.tanh(cn);
    }
  }
  return { hNew, cNew, gates };
}

export const lstmCellConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.LstmCell,
  backendName: "cpu",
  kernelFunc: ({ inputs, backend }) => {
    const { xProj, h, c, weightHh } = inputs as kernels.LstmCellInputs;
    const [batch, hidden] = h.shape as [number, number];
    const { hNew, cNew, gates } = lstmCellImpl(
      backend.values(xProj),
      backend.values(h),
      backend.values(c),
      backend.values(weightHh),
      batch,
      hidden,
      h.dtype,
      backend.residentOwner(weightHh),
    );
    return [
      backend.makeOutput(hNew, [batch, hidden], h.dtype),
      backend.makeOutput(cNew, [batch, hidden], h.dtype),
      backend.makeOutput(gates, [batch, 4 * hidden], h.dtype),
    ];
  },
};
