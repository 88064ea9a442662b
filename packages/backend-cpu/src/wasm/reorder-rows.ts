import type { CpuWasm } from "./cpu-wasm.js";

/**
 * Copies rows of `width` floats between a batch-first [B,T,·] array outside WebAssembly memory and
 * processing order [T,B,·] at `at`, through the staging region `stage` (one bulk copy, then
 * lstm.wat's permuteRows).
 */
export function reorderRows(
  wasm: CpuWasm,
  batchFirst: Float32Array,
  at: number,
  stage: number,
  batch: number,
  steps: number,
  width: number,
  goBackwards: boolean,
  toWasm: boolean,
): void {
  const n = batch * steps * width;
  if (toWasm) wasm.view().set(batchFirst.subarray(0, n), stage >> 2);
  wasm.lstm.permuteRows(stage, at, batch, steps, width, goBackwards ? 1 : 0, toWasm ? 1 : 0);
  if (!toWasm) batchFirst.set(wasm.view().subarray(stage >> 2, (stage >> 2) + n));
}

/** Writes Wᵀ [cols, rows] at byte address `at` from W [rows, cols] (W_hh once per sequence). */
export function writeTransposed(
  view: Float32Array,
  at: number,
  w: Float32Array,
  rows: number,
  cols: number,
): void {
  const base = at >> 2;
  for (let r = 0; r < rows; r++) {
    for (let q = 0; q < cols; q++) view[base + q * rows + r] = w[r * cols + q] as number;
  }
}
