// The float32 Exp kernel and softmax / log-softmax rows through WebAssembly SIMD (wasm/exp-wasm.ts)
// against the same ops in float64 (TypeScript, Math.exp).
import { exp, logSoftmax, Rng, setBackend, softmax, tensor, tidy } from "@rnnkit/core-tensor";
import { beforeEach, describe, expect, it } from "vitest";
import { registerCpuBackend } from "../register.js";
import { isCpuWasmSupported, setCpuWasmEnabled } from "./cpu-wasm.js";
import { EXP_WASM_MIN } from "./exp-wasm.js";

registerCpuBackend();

beforeEach(() => {
  setCpuWasmEnabled(true);
  setBackend("cpu");
});

const ROWS = 41;
const WIDTH = 65; // 2,665 values: above EXP_WASM_MIN, not a multiple of 4

/** Logits as a loss sees them, plus rows of extremes: large, tiny, equal, ±∞ and NaN. */
function logits(): number[] {
  const rng = new Rng(8);
  const values = Array.from({ length: ROWS * WIDTH }, () => (rng.next() * 2 - 1) * 12);
  values.fill(80, 0, WIDTH); // e^80 overflows float32: only softmax's shift keeps it finite
  values.fill(-95, WIDTH, 2 * WIDTH);
  values[2 * WIDTH + 3] = 1e4;
  values[3 * WIDTH + 5] = Number.NEGATIVE_INFINITY;
  values[4 * WIDTH + 7] = Number.NaN;
  return values;
}

/** Largest |a − b| / max(1, |b|), NaN where both are NaN counted as agreeing. */
function worstRelative(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const b = expected[i] as number;
    if (Number.isNaN(a) && Number.isNaN(b)) continue;
    if (a === b) continue;
    worst = Math.max(worst, Math.abs(a - b) / Math.max(1, Math.abs(b)));
  }
  return worst;
}

describe.skipIf(!isCpuWasmSupported())("exp in WebAssembly SIMD (float32)", () => {
  it("exp, softmax and logSoftmax agree with float64 within float32 accuracy", () => {
    const values = logits();
    expect(values.length).toBeGreaterThanOrEqual(EXP_WASM_MIN);
    const run = (dtype: "float32" | "float64") =>
      tidy(() => {
        const x = tensor(values, [ROWS, WIDTH], dtype);
        // exp of the bounded part only (e^80 is +∞ in float32, finite in float64)
        const bounded = tensor(
          values.map((v) => (Number.isFinite(v) ? Math.max(-87, Math.min(v, 88)) : v)),
          [ROWS, WIDTH],
          dtype,
        );
        return [exp(bounded), softmax(x, -1), logSoftmax(x, -1)].map((t) =>
          Array.from(t.dataSync()),
        );
      });
    const [e32, s32, l32] = run("float32");
    const [e64, s64, l64] = run("float64");
    expect(worstRelative(e32 as number[], e64 as number[])).toBeLessThan(1e-6);
    expect(worstRelative(s32 as number[], s64 as number[])).toBeLessThan(1e-6);
    expect(worstRelative(l32 as number[], l64 as number[])).toBeLessThan(1e-6);
    // the NaN row stays NaN, the −∞ entry gives probability 0 and log-probability −∞
    expect(Number.isNaN((s32 as number[])[4 * WIDTH] as number)).toBe(true);
    expect((s32 as number[])[3 * WIDTH + 5]).toBe(0);
    expect((l32 as number[])[3 * WIDTH + 5]).toBe(Number.NEGATIVE_INFINITY);
    // rows sum to 1
    for (let r = 5; r < ROWS; r++) {
      const row = (s32 as number[]).slice(r * WIDTH, (r + 1) * WIDTH);
      expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-5);
    }
  });

  it("gives the TypeScript path's results when WebAssembly is switched off", () => {
    const values = logits().map((v) => (Number.isFinite(v) ? Math.max(-50, Math.min(v, 50)) : 0));
    const run = () =>
      tidy(() => {
        const x = tensor(values, [ROWS, WIDTH], "float32");
        return [exp(x), logSoftmax(x, -1)].map((t) => Array.from(t.dataSync()));
      });
    const [eWasm, lWasm] = run();
    setCpuWasmEnabled(false);
    const [eTs, lTs] = run();
    expect(worstRelative(eWasm as number[], eTs as number[])).toBeLessThan(1e-6);
    expect(worstRelative(lWasm as number[], lTs as number[])).toBeLessThan(1e-6);
  });
});
