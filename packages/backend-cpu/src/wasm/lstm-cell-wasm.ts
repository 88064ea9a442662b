/**
 * The fused LSTM step and its backward on float32 arrays through WebAssembly: the products in
 * gemm.wat, the element-wise part (σ, tanh, the cell update) in lstm.wat, all inside WebAssembly
 * memory (inputs copied in once, results copied out once). Each function returns undefined when
 * WebAssembly is off or unavailable, the hidden size is not a multiple of 4, or memory cannot grow:
 * the caller then runs its TypeScript code.
 */
import { copyOut } from "./copy-out.js";
import { cpuWasm, residentWeight } from "./cpu-wasm.js";
import { gemmAt } from "./gemm-wasm.js";

/** h', c' [B,H] and the activated gates [B,4H] of one LSTM step (see lstmCellImpl). */
export function lstmCellWasm(
  xProj: Float32Array,
  h: Float32Array,
  c: Float32Array,
  weightHh: Float32Array,
  batch: number,
  hidden: number,
  weightOwner?: object,
): { hNew: Float32Array; cNew: Float32Array; gates: Float32Array } | undefined {
  const B = batch;
  const H = hidden;
  const G = 4 * H;
  if (B === 0 || H === 0 || H % 4 !== 0) return undefined;
  const wasm = cpuWasm();
  if (wasm === null) return undefined;
  // W_hh stays in WebAssembly memory between steps when its owner is known (generation reads it
  // at every character; copying 4H·H floats in cost as much as the product at batch 1)
  const residentW = residentWeight(wasm, weightOwner, weightHh, G * H);
  const regions = wasm.reserve([B * H, G * H, B * G, B * G, B * H, B * H, B * H].map((n) => 4 * n));
  if (regions === undefined) return undefined;
  const [hAt, scratchW, xAt, gatesAt, cAt, hNewAt, cNewAt] = regions as number[] as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const view = wasm.view();
  view.set(h.subarray(0, B * H), hAt >> 2);
  const wAt = residentW ?? scratchW;
  if (residentW === undefined) view.set(weightHh.subarray(0, G * H), wAt >> 2);
  view.set(xProj.subarray(0, B * G), xAt >> 2);
  view.set(c.subarray(0, B * H), cAt >> 2);
  // gates = h·W_hhᵀ, then activated in place with xProj added: i, f, g, o; c', h'
  gemmAt(wasm, B, H, G, false, true, hAt, wAt, gatesAt, false);
  wasm.lstm.lstmForward(B, H, xAt, gatesAt, cAt, hNewAt, cNewAt);
  return {
    hNew: copyOut(view, hNewAt >> 2, B * H),
    cNew: copyOut(view, cNewAt >> 2, B * H),
    gates: copyOut(view, gatesAt >> 2, B * G),
  };
}

/** dXProj [B,4H], dH, dC [B,H] and dWeightHh [4H,H] of one LSTM step (see lstmCellGradImpl). */
export function lstmCellGradWasm(
  dh: Float32Array,
  dc: Float32Array,
  gates: Float32Array,
  c: Float32Array,
  cNew: Float32Array,
  h: Float32Array,
  weightHh: Float32Array,
  batch: number,
  hidden: number,
  weightOwner?: object,
):
  | { dXProj: Float32Array; dH: Float32Array; dC: Float32Array; dWeightHh: Float32Array }
  | undefined {
  const B = batch;
  const H = hidden;
  const G = 4 * H;
  if (B === 0 || H === 0 || H % 4 !== 0) return undefined;
  const wasm = cpuWasm();
  if (wasm === null) return undefined;
  const residentW = residentWeight(wasm, weightOwner, weightHh, G * H);
  const sizes = [B * H, B * H, B * G, B * H, B * H, B * H, G * H, B * G, B * H, B * H, G * H];
  const regions = wasm.reserve(sizes.map((n) => 4 * n));
  if (regions === undefined) return undefined;
  const [dhAt, dcAt, gatesAt, cAt, cNewAt, hAt, scratchW, dXAt, dCAt, dHAt, dWAt] = regions as [
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
  view.set(dh.subarray(0, B * H), dhAt >> 2);
  view.set(dc.subarray(0, B * H), dcAt >> 2);
  view.set(gates.subarray(0, B * G), gatesAt >> 2);
  view.set(c.subarray(0, B * H), cAt >> 2);
  view.set(cNew.subarray(0, B * H), cNewAt >> 2);
  view.set(h.subarray(0, B * H), hAt >> 2);
  const wAt = residentW ?? scratchW;
  if (residentW === undefined) view.set(weightHh.subarray(0, G * H), wAt >> 2);
  wasm.lstm.lstmBackward(B, H, dhAt, dcAt, gatesAt, cAt, cNewAt, dXAt, dCAt);
  // dh = dGates·W_hh;  dW_hh = dGatesᵀ·h   (dGates = dXProj, stored [B,4H])
  gemmAt(wasm, B, G, H, false, false, dXAt, wAt, dHAt, false);
  gemmAt(wasm, G, B, H, true, false, dXAt, hAt, dWAt, false);
  return {
    dXProj: copyOut(view, dXAt >> 2, B * G),
    dH: copyOut(view, dHAt >> 2, B * H),
    dC: copyOut(view, dCAt >> 2, B * H),
    dWeightHh: copyOut(view, dWAt >> 2, G * H),
  };
}

/**
 * lstm.wat's vectorized e^x, σ(x) or tanh(x) on every element of `x` (for tests); undefined when
 * WebAssembly is off or unavailable.
 */
export function activationWasm(
  which: "exp" | "sigmoid" | "tanh",
  x: Float32Array,
): Float32Array | undefined {
  const wasm = cpuWasm();
  if (wasm === null) return undefined;
  const n = Math.ceil(x.length / 4) * 4;
  const regions = wasm.reserve([4 * n, 4 * n]);
  if (regions === undefined) return undefined;
  const [xAt, outAt] = regions as [number, number];
  const view = wasm.view();
  view.fill(0, xAt >> 2, (xAt >> 2) + n);
  view.set(x, xAt >> 2);
  wasm.lstm.activate(which === "exp" ? 0 : which === "sigmoid" ? 1 : 2, xAt, outAt, n);
  return copyOut(view, outAt >> 2, x.length);
}
