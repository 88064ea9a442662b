/**
 * A kernel result copied out of WebAssembly memory into an array of the buffer pool. `view.slice`
 * would allocate a fresh array every call (a 4 MB gate tape costs page faults, zeroing and GC,
 * ≈ 4× the copy itself); the pool hands back a released array of the same size when it has one.
 */
import { allocateUnzeroed } from "../buffer-pool.js";

/** `length` floats of `view` from float index `from`, in a pooled (or fresh) Float32Array. */
export function copyOut(view: Float32Array, from: number, length: number): Float32Array {
  const out = allocateUnzeroed("float32", length) as Float32Array;
  out.set(view.subarray(from, from + length));
  return out;
}
