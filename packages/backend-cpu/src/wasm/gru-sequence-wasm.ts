/**
 * A whole GRU sequence (PyTorch's form, reset gate after the product) and its backward on float32
 * arrays inside WebAssembly memory, like lstm-sequence-wasm.ts: operands copied in once, each step's
 * product (gemm.wat) and element-wise part (lstm.wat's gruForward/gruBackward) in place, and the
 * weight and bias gradients as products over all steps. Returns undefined (the caller runs its
 * TypeScript code) when WebAssembly is off or unavailable, H is not a multiple of 4, the reset gate
 * comes before the product (the course's form), or memory cannot grow.
 */
import { allocateUnzeroed } from "../buffer-pool.js";
import { copyOut } from "./copy-out.js";
import { cpuWasm } from "./cpu-wasm.js";
import { gemmAt } from "./gemm-wasm.js";
import { reorderRows, writeTransposed } from "./reorder-rows.js";

export function gruSequenceWasm(
  xProj: Float32Array,
  h0: Float32Array,
  weightHh: Float32Array,
  biasHh: Float32Array,
  batch: number,
  steps: number,
  hidden: number,
  resetAfter: boolean,
  goBackwards: boolean,
): { hSeq: Float32Array; hN: Float32Array; gates: Float32Array } | undefined {
  const B = batch;
  const T = steps;
  const H = hidden;
  const G = 3 * H;
  if (!resetAfter || B === 0 || T === 0 || H === 0 || H % 4 !== 0) return undefined;
  const wasm = cpuWasm();
  if (wasm === null) return undefined;
  const BH = B * H;
  // W_hhᵀ [H,3H], bias [3H], x [T,B,3H], rec [B,3H], h [T+1,B,H] (h0 first), gates [T,B,4H], stage
  const sizes = [H * G, G, T * B * G, B * G, (T + 1) * BH, T * B * 4 * H, T * B * G];
  const regions = wasm.reserve(sizes.map((n) => 4 * n));
  if (regions === undefined) return undefined;
  const [wtAt, biasAt, xAt, recAt, hAt, gatesAt, stageAt] = regions as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const view = wasm.view();
  writeTransposed(view, wtAt, weightHh, G, H);
  view.set(biasHh.subarray(0, G), biasAt >> 2);
  reorderRows(wasm, xProj, xAt, stageAt, B, T, G, goBackwards, true);
  view.set(h0.subarray(0, BH), hAt >> 2);
  const stateBytes = 4 * BH;
  for (let s = 0; s < T; s++) {
    // rec = h_{s−1}·W_hhᵀ, then r, z, n, hn and h_s
    gemmAt(wasm, B, H, G, false, false, hAt + s * stateBytes, wtAt, recAt, false);
    wasm.lstm.gruForward(
      B,
      H,
      xAt + s * 4 * B * G,
      recAt,
      biasAt,
      hAt + s * stateBytes,
      gatesAt + s * 4 * B * 4 * H,
      hAt + (s + 1) * stateBytes,
    );
  }
  const hSeq = allocateUnzeroed("float32", B * T * H) as Float32Array;
  reorderRows(wasm, hSeq, hAt + stateBytes, stageAt, B, T, H, goBackwards, false);
  const h = hAt >> 2;
  const g = gatesAt >> 2;
  return {
    hSeq,
    hN: copyOut(view, h + T * BH, BH),
    gates: copyOut(view, g, T * B * 4 * H),
  };
}

export function gruSequenceGradWasm(
  dhSeq: Float32Array,
  dhN: Float32Array,
  gates: Float32Array,
  hSeq: Float32Array,
  h0: Float32Array,
  weightHh: Float32Array,
  batch: number,
  steps: number,
  hidden: number,
  resetAfter: boolean,
  goBackwards: boolean,
):
  | { dXProj: Float32Array; dH0: Float32Array; dWeightHh: Float32Array; dBiasHh: Float32Array }
  | undefined {
  const B = batch;
  const T = steps;
  const H = hidden;
  const G = 3 * H;
  if (!resetAfter || B === 0 || T === 0 || H === 0 || H % 4 !== 0) return undefined;
  const wasm = cpuWasm();
  if (wasm === null) return undefined;
  const BH = B * H;
  const TB = T * B;
  // W_hh [3H,H], gates [T,B,4H], h [T+1,B,H] (h0 first), dh [T,B,H], dh0 [B,H], dX [T,B,3H],
  // dRec [T,B,3H], dW [3H,H], ones [T·B], db [3H], stage
  const sizes = [G * H, TB * 4 * H, (T + 1) * BH, T * BH, BH, TB * G, TB * G, G * H, TB, G, TB * G];
  const regions = wasm.reserve(sizes.map((n) => 4 * n));
  if (regions === undefined) return undefined;
  const [wAt, gatesAt, hAt, dhAt, dh0At, dxAt, dRecAt, dwAt, onesAt, dbAt, stageAt] =
    regions as number[] as [
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
      number,
    ];
  const view = wasm.view();
  view.set(weightHh.subarray(0, G * H), wAt >> 2);
  view.set(gates.subarray(0, TB * 4 * H), gatesAt >> 2);
  view.set(h0.subarray(0, BH), hAt >> 2);
  reorderRows(wasm, hSeq, hAt + 4 * BH, stageAt, B, T, H, goBackwards, true);
  reorderRows(wasm, dhSeq, dhAt, stageAt, B, T, H, goBackwards, true);
  // hN is h of the last processed step: its gradient joins dhSeq there
  const last = (dhAt >> 2) + (T - 1) * BH;
  for (let k = 0; k < BH; k++) view[last + k] = (view[last + k] as number) + (dhN[k] as number);
  view.fill(0, dh0At >> 2, (dh0At >> 2) + BH);
  view.fill(1, onesAt >> 2, (onesAt >> 2) + TB);
  const stateBytes = 4 * BH;
  const rowBytes = 4 * B * G;
  for (let s = T - 1; s >= 0; s--) {
    // dh_{s−1} gets dh_s∘z directly and dRec_s·W_hh through the product
    const prev = s > 0 ? dhAt + (s - 1) * stateBytes : dh0At;
    wasm.lstm.gruBackward(
      B,
      H,
      dhAt + s * stateBytes,
      gatesAt + s * 4 * B * 4 * H,
      hAt + s * stateBytes,
      dxAt + s * rowBytes,
      dRecAt + s * rowBytes,
      prev,
    );
    gemmAt(wasm, B, G, H, false, false, dRecAt + s * rowBytes, wAt, prev, true);
  }
  // dW_hh = Σ_s dRec_sᵀ·h_{s−1} (one [3H, T·B] × [T·B, H] product); db_hh = 1ᵀ·dRec
  gemmAt(wasm, G, TB, H, true, false, dRecAt, hAt, dwAt, false);
  gemmAt(wasm, 1, TB, G, false, false, onesAt, dRecAt, dbAt, false);
  const dXProj = allocateUnzeroed("float32", B * T * G) as Float32Array;
  reorderRows(wasm, dXProj, dxAt, stageAt, B, T, G, goBackwards, false);
  const dh0 = dh0At >> 2;
  const dw = dwAt >> 2;
  const db = dbAt >> 2;
  return {
    dXProj,
    dH0: copyOut(view, dh0, BH),
    dWeightHh: copyOut(view, dw, G * H),
    dBiasHh: copyOut(view, db, G),
  };
}
