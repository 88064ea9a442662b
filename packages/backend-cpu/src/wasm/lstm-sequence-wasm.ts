/**
 * A whole LSTM sequence and its backward on float32 arrays inside WebAssembly memory: operands are
 * copied in once per sequence (the input projection reordered time-major, W_hh transposed once for
 * the forward product), every step's product (gemm.wat) and element-wise part (lstm.wat) run in
 * place, and the backward forms dW_hh as one product over all steps. Each function returns
 * undefined when WebAssembly is off or unavailable, H is not a multiple of 4, or memory cannot grow:
 * the caller then runs its TypeScript code.
 */
import { allocateUnzeroed } from "../buffer-pool.js";
import type { LstmSequenceGradArrays } from "../kernels/fused/lstm-sequence-grad.js";
import { copyOut } from "./copy-out.js";
import { cpuWasm } from "./cpu-wasm.js";
import { gemmAt } from "./gemm-wasm.js";
import { reorderRows, writeTransposed } from "./reorder-rows.js";

export function lstmSequenceWasm(
  xProj: Float32Array,
  h0: Float32Array,
  c0: Float32Array,
  weightHh: Float32Array,
  batch: number,
  steps: number,
  hidden: number,
  goBackwards: boolean,
):
  | {
      hSeq: Float32Array;
      hN: Float32Array;
      cN: Float32Array;
      gates: Float32Array;
      cSeq: Float32Array;
    }
  | undefined {
  const B = batch;
  const T = steps;
  const H = hidden;
  const G = 4 * H;
  if (B === 0 || T === 0 || H === 0 || H % 4 !== 0) return undefined;
  const wasm = cpuWasm();
  if (wasm === null) return undefined;
  const BH = B * H;
  // W_hhᵀ [H,4H], x [T,B,4H], gates [T,B,4H], h [T+1,B,H] and c [T+1,B,H] with the initial state first
  const regions = wasm.reserve(
    [H * G, T * B * G, T * B * G, (T + 1) * BH, (T + 1) * BH, T * B * G].map((n) => 4 * n),
  );
  if (regions === undefined) return undefined;
  const [wtAt, xAt, gatesAt, hAt, cAt, stageAt] = regions as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const view = wasm.view();
  // W_hhᵀ once per sequence, so each step's product reads rows (no strided packing per step)
  writeTransposed(view, wtAt, weightHh, G, H);
  reorderRows(wasm, xProj, xAt, stageAt, B, T, G, goBackwards, true);
  view.set(h0.subarray(0, BH), hAt >> 2);
  view.set(c0.subarray(0, BH), cAt >> 2);
  const gateBytes = 4 * B * G;
  const stateBytes = 4 * BH;
  for (let s = 0; s < T; s++) {
    const g = gatesAt + s * gateBytes;
    // gates_s = h_{s−1}·W_hhᵀ, then i, f, g, o activated with xProj_s added; c_s, h_s
    gemmAt(wasm, B, H, G, false, false, hAt + s * stateBytes, wtAt, g, false);
    wasm.lstm.lstmForward(
      B,
      H,
      xAt + s * gateBytes,
      g,
      cAt + s * stateBytes,
      hAt + (s + 1) * stateBytes,
      cAt + (s + 1) * stateBytes,
    );
  }
  const hSeq = allocateUnzeroed("float32", B * T * H) as Float32Array;
  reorderRows(wasm, hSeq, hAt + stateBytes, stageAt, B, T, H, goBackwards, false);
  const h = hAt >> 2;
  const c = cAt >> 2;
  const g0 = gatesAt >> 2;
  return {
    hSeq,
    hN: copyOut(view, h + T * BH, BH),
    cN: copyOut(view, c + T * BH, BH),
    gates: copyOut(view, g0, T * B * G),
    cSeq: copyOut(view, c + BH, T * BH),
  };
}

export function lstmSequenceGradWasm(
  a: LstmSequenceGradArrays,
  batch: number,
  steps: number,
  hidden: number,
  goBackwards: boolean,
):
  | { dXProj: Float32Array; dH0: Float32Array; dC0: Float32Array; dWeightHh: Float32Array }
  | undefined {
  const B = batch;
  const T = steps;
  const H = hidden;
  const G = 4 * H;
  if (B === 0 || T === 0 || H === 0 || H % 4 !== 0) return undefined;
  for (const v of Object.values(a)) if (!(v instanceof Float32Array)) return undefined;
  const f32 = a as { [K in keyof LstmSequenceGradArrays]: Float32Array };
  const wasm = cpuWasm();
  if (wasm === null) return undefined;
  const BH = B * H;
  // W_hh [4H,H], gates [T,B,4H], c [T+1,B,H] and h [T+1,B,H] (initial state first), dh [T,B,H],
  // dc [B,H], dGates [T,B,4H], dW [4H,H], dh0 [B,H]
  const sizes = [
    G * H,
    T * B * G,
    (T + 1) * BH,
    (T + 1) * BH,
    T * BH,
    BH,
    T * B * G,
    G * H,
    BH,
    T * B * G,
  ];
  const regions = wasm.reserve(sizes.map((n) => 4 * n));
  if (regions === undefined) return undefined;
  const [wAt, gatesAt, cAt, hAt, dhAt, dcAt, dgAt, dwAt, dh0At, stageAt] = regions as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const view = wasm.view();
  view.set(f32.weightHh.subarray(0, G * H), wAt >> 2);
  view.set(f32.gates.subarray(0, T * B * G), gatesAt >> 2);
  view.set(f32.c0.subarray(0, BH), cAt >> 2);
  view.set(f32.cSeq.subarray(0, T * BH), (cAt >> 2) + BH);
  view.set(f32.h0.subarray(0, BH), hAt >> 2);
  reorderRows(wasm, f32.hSeq, hAt + 4 * BH, stageAt, B, T, H, goBackwards, true);
  reorderRows(wasm, f32.dhSeq, dhAt, stageAt, B, T, H, goBackwards, true);
  // hN is h of the last processed step: its gradient joins dhSeq there
  const last = (dhAt >> 2) + (T - 1) * BH;
  for (let k = 0; k < BH; k++) view[last + k] = (view[last + k] as number) + (f32.dhN[k] as number);
  view.set(f32.dcN.subarray(0, BH), dcAt >> 2);
  const gateBytes = 4 * B * G;
  const stateBytes = 4 * BH;
  for (let s = T - 1; s >= 0; s--) {
    const dg = dgAt + s * gateBytes;
    // dGates_s and dc_{s−1} = dc̃∘f from dh_s, dc_s (dc is read and written in place)
    wasm.lstm.lstmBackward(
      B,
      H,
      dhAt + s * stateBytes,
      dcAt,
      gatesAt + s * gateBytes,
      cAt + s * stateBytes,
      cAt + (s + 1) * stateBytes,
      dg,
      dcAt,
    );
    // dh_{s−1} += dGates_s·W_hh (the recurrent path; into dh0 at the first step)
    if (s > 0) gemmAt(wasm, B, G, H, false, false, dg, wAt, dhAt + (s - 1) * stateBytes, true);
    else gemmAt(wasm, B, G, H, false, false, dg, wAt, dh0At, false);
  }
  // dW_hh = Σ_s dGates_sᵀ·h_{s−1}: one [4H, T·B] × [T·B, H] product
  gemmAt(wasm, G, T * B, H, true, false, dgAt, hAt, dwAt, false);
  const dXProj = allocateUnzeroed("float32", B * T * G) as Float32Array;
  reorderRows(wasm, dXProj, dgAt, stageAt, B, T, G, goBackwards, false);
  const dc = dcAt >> 2;
  const dw = dwAt >> 2;
  const dh0 = dh0At >> 2;
  return {
    dXProj,
    dH0: copyOut(view, dh0, BH),
    dC0: copyOut(view, dc, BH),
    dWeightHh: copyOut(view, dw, G * H),
  };
}
