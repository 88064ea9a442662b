/**
 * e^x over a float32 array with lstm.wat's vectorized exp (Cephes expf, float32 accuracy; four
 * values per instruction against one `Math.exp` call each): the Exp kernel and softmax /
 * log-softmax rows of the loss at every step.
 */
import { cpuWasm } from "./cpu-wasm.js";

/** Arrays shorter than this stay with `Math.exp` (the copies in and out cost more). */
export const EXP_WASM_MIN = 1024;

/**
 * out[i] = e^x[i] for i < x.length (`out` may be `x`); false, writing nothing, when WebAssembly is
 * off or unavailable or its memory cannot grow.
 */
export function expWasm(x: Float32Array, out: Float32Array): boolean {
  const wasm = cpuWasm();
  if (wasm === null) return false;
  const n = x.length;
  // whole f32x4 lanes: the last one may read up to 3 values past n (never copied out)
  const padded = (n + 3) & ~3;
  const regions = wasm.reserve([4 * padded]);
  if (regions === undefined) return false;
  const at = regions[0] as number;
  const view = wasm.view();
  view.set(x, at >> 2);
  wasm.lstm.activate(0, at, at, padded);
  out.set(view.subarray(at >> 2, (at >> 2) + n));
  return true;
}
