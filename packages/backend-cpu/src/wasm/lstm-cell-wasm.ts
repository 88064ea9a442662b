/**
 * The fused LSTM step and its backward on float32 arrays through WebAssembly: the products in
 * gemm.wat, the element-wise part (σ, tanh, the cell update) in lstm.wat, all inside WebAssembly
 * memory (inputs copied in once, results copied out once). Each function returns undefined when
 * WebAssembly is off or unavailable, the hidden size is not a multiple of 4, or memory cannot grow:
 * the caller then runs its TypeScript code.
 */
import { cpuWasm } from "./cpu-wasm.js";
import { gemmAt } from "./gemm-wasm.js";

/** h', c' [B,H] and the activated gates [B,4H] of one LSTM step (see lstmCellImpl). */
export function lstmCellWasm(
  xProj: Float32Array,
  h: Float32Array,
  c: Float32Array,
  weightHh: Float32Array,
  batch: number,
  hidden: number,
): { hNew: Float32Array; cNew: Float32Array; gates: Float32Array } | undefined {
  const B = batch;
  const H = hidden;
  const G = 4 * H;
  if (B === 0 || H === 0 || H % 4 !== 0) return undefined;
  const wasm = cpuWasm();
  if (wasm === null) return undefined;
  const regions = wasm.reserve([B * H, G * H, B * G, B * G, B * H, B * H, B * H].map((n) => 4 * n));
  if (regions === undefined) return undefined;
  const [hAt, wAt, xAt, gatesAt, cAt, hNewAt, cNewAt] = regions as number[] as [
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
  view.set(weightHh.subarray(0, G * H), wAt >> 2);
  view.set(xProj.subarray(0, B * G), xAt >> 2);
  view.set(c.subarray(0, B * H), cAt >> 2);
  // gates = h·W_hhᵀ, then activated in place with xProj added: i, f, g, o; c', h'
  gemmAt(wasm, B, H, G, false, true, hAt, wAt, gatesAt, false);
  wasm.lstm.lstmForward(B, H, xAt, gatesAt, cAt, hNewAt, cNewAt);
  return {
    hNew: view.slice(hNewAt >> 2, (hNewAt >> 2) + B * H),
    cNew: view.slice(cNewAt >> 2, (cNewAt >> 2) + B * H),
    gates: view.slice(gatesAt >> 2, (gatesAt >> 2) + B * G),
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
):
  | { dXProj: Float32Array; dH: Float32Array; dC: Float32Array; dWeightHh: Float32Array }
  | undefined {
  const B = batch;
  const H = hidden;
  const G = 4 * H;
  if (B === 0 || H === 0 || H % 4 !== 0) return undefined;
  const wasm = cpuWasm();
  if (wasm === null) return undefined;
  const sizes = [B * H, B * H, B * G, B * H, B * H, B * H, G * H, B * G, B * H, B * H, G * H];
  const regions = wasm.reserve(sizes.map((n) => 4 * n));
  if (regions === undefined) return undefined;
  const [dhAt, dcAt, gatesAt, cAt, cNewAt, hAt, wAt, dXAt, dCAt, dHAt, dWAt] = regions as [
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
  view.set(weightHh.subarray(0, G * H), wAt >> 2);
  wasm.lstm.lstmBackward(B, H, dhAt, dcAt, gatesAt, cAt, cNewAt, dXAt, dCAt);
  // dh = dGates·W_hh;  dW_hh = dGatesᵀ·h   (dGates = dXProj, stored [B,4H])
  gemmAt(wasm, B, G, H, false, false, dXAt, wAt, dHAt, false);
  gemmAt(wasm, G, B, H, true, false, dXAt, hAt, dWAt, false);
  return {
    dXProj: view.slice(dXAt >> 2, (dXAt >> 2) + B * G),
    dH: view.slice(dHAt >> 2, (dHAt >> 2) + B * H),
    dC: view.slice(dCAt >> 2, (dCAt >> 2) + B * H),
    dWeightHh: view.slice(dWAt >> 2, (dWAt >> 2) + G * H),
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
  return view.slice(outAt >> 2, (outAt >> 2) + x.length);
}
