import { Rng } from "@rnnkit/core-tensor";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lstmCellImpl } from "../kernels/fused/lstm-cell.js";
import { lstmCellGradImpl } from "../kernels/fused/lstm-cell-grad.js";
import { setCpuWasmEnabled } from "./cpu-wasm.js";
import { activationWasm, lstmCellGradWasm, lstmCellWasm } from "./lstm-cell-wasm.js";

// on for these tests even under RNNKIT_CPU_WASM=0 (which only sets the default)
beforeEach(() => {
  setCpuWasmEnabled(true);
});
afterEach(() => {
  setCpuWasmEnabled(true);
});

function random(size: number, rng: Rng, scale: number): Float32Array {
  return Float32Array.from({ length: size }, () => (rng.next() * 2 - 1) * scale);
}

function worstError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs((actual[i] as number) - (expected[i] as number));
    worst = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(worst, d);
  }
  return worst;
}

describe("lstm.wat activations (float32 accuracy)", () => {
  // a dense grid over [−100, 100], the polynomial/exp switch of tanh at 0.625, and tiny values
  const grid = [
    ...Array.from({ length: 20001 }, (_, i) => (i - 10000) / 100),
    0.6249,
    0.625,
    -0.6251,
    1e-8,
    -1e-8,
    1e-30,
    88,
    -87,
  ];
  const x = Float32Array.from(grid);

  it("e^x is within 2 float32 ulps (relative 2.4e-7), subnormal results within 2⁻¹⁴⁹, +inf past float32", () => {
    const wide = Float32Array.from([
      ...x,
      88.5,
      88.72,
      -88,
      -95.5,
      -103,
      -103.9,
      ...Array.from({ length: 100 }, (_, i) => -87 - i * 0.17),
    ]);
    const out = activationWasm("exp", wide) as Float32Array;
    for (let i = 0; i < wide.length; i++) {
      const want = Math.exp(wide[i] as number);
      const error = Math.abs((out[i] as number) - want);
      if (want > 3.4028234e38) expect(out[i]).toBe(Number.POSITIVE_INFINITY);
      else if (want < 1.1754944e-38) expect(error).toBeLessThanOrEqual(2 ** -149);
      else expect(error / want).toBeLessThan(2.4e-7);
    }
  });

  it("σ(x) and tanh(x) are within 2.4e-7 relative (or 1e-30 absolute)", () => {
    const sigmoid = activationWasm("sigmoid", x) as Float32Array;
    const tanh = activationWasm("tanh", x) as Float32Array;
    for (let i = 0; i < x.length; i++) {
      const v = x[i] as number;
      const wantSigmoid = 1 / (1 + Math.exp(-v));
      const wantTanh = Math.tanh(v);
      expect(Math.abs((sigmoid[i] as number) - wantSigmoid)).toBeLessThanOrEqual(
        2.4e-7 * wantSigmoid + 1e-30,
      );
      expect(Math.abs((tanh[i] as number) - wantTanh)).toBeLessThanOrEqual(
        2.4e-7 * Math.abs(wantTanh) + 1e-30,
      );
    }
  });

  it("saturates exactly and keeps NaN", () => {
    const special = Float32Array.from([1000, -1000, Infinity, -Infinity, Number.NaN, 0]);
    expect([...(activationWasm("exp", special) as Float32Array)]).toEqual([
      Infinity,
      0,
      Infinity,
      0,
      Number.NaN,
      1,
    ]);
    expect([...(activationWasm("sigmoid", special) as Float32Array)]).toEqual([
      1,
      0,
      1,
      0,
      Number.NaN,
      0.5,
    ]);
    expect([...(activationWasm("tanh", special) as Float32Array)]).toEqual([
      1,
      -1,
      1,
      -1,
      Number.NaN,
      0,
    ]);
  });
});

describe("the WebAssembly LSTM step", () => {
  const rng = new Rng(3);
  for (const [B, H] of [
    [1, 4],
    [3, 8],
    [32, 128],
    [5, 36],
  ] as const) {
    it(`B=${B} H=${H}: forward and backward ≈ the float64 TypeScript step`, () => {
      const G = 4 * H;
      const xProj = random(B * G, rng, 2);
      const h = random(B * H, rng, 1);
      const c = random(B * H, rng, 2);
      const w = random(G * H, rng, 1 / Math.sqrt(H));
      const f64 = (v: Float32Array): Float64Array => Float64Array.from(v);
      const wasm = lstmCellWasm(xProj, h, c, w, B, H);
      expect(wasm).toBeDefined();
      const { hNew, cNew, gates } = wasm as NonNullable<typeof wasm>;
      const want = lstmCellImpl(f64(xProj), f64(h), f64(c), f64(w), B, H, "float64");
      // products of H terms of size ≤ 1: float32 sums are good to ~1e-6 · √H
      const tolerance = 2e-6 * Math.sqrt(H);
      expect(worstError(gates, want.gates)).toBeLessThan(tolerance);
      expect(worstError(cNew, want.cNew)).toBeLessThan(tolerance);
      expect(worstError(hNew, want.hNew)).toBeLessThan(tolerance);

      const dh = random(B * H, rng, 1);
      const dc = random(B * H, rng, 1);
      const grad = lstmCellGradWasm(dh, dc, gates, c, cNew, h, w, B, H);
      expect(grad).toBeDefined();
      const g = grad as NonNullable<typeof grad>;
      const wantGrad = lstmCellGradImpl(
        f64(dh),
        f64(dc),
        f64(gates),
        f64(c),
        f64(cNew),
        f64(h),
        f64(w),
        B,
        H,
        "float64",
      );
      expect(worstError(g.dXProj, wantGrad.dXProj)).toBeLessThan(tolerance);
      expect(worstError(g.dC, wantGrad.dC)).toBeLessThan(tolerance);
      expect(worstError(g.dH, wantGrad.dH)).toBeLessThan(4 * tolerance);
      expect(worstError(g.dWeightHh, wantGrad.dWeightHh)).toBeLessThan(tolerance * Math.sqrt(B));
    });
  }

  it("lstmCellImpl on float32 uses it (and the TypeScript path when switched off): both agree", () => {
    const [B, H] = [4, 16];
    const xProj = random(B * 4 * H, rng, 2);
    const h = random(B * H, rng, 1);
    const c = random(B * H, rng, 1);
    const w = random(4 * H * H, rng, 0.25);
    const wasm = lstmCellImpl(xProj, h, c, w, B, H, "float32");
    setCpuWasmEnabled(false);
    expect(lstmCellWasm(xProj, h, c, w, B, H)).toBeUndefined();
    const typescript = lstmCellImpl(xProj, h, c, w, B, H, "float32");
    expect(worstError(wasm.hNew, typescript.hNew)).toBeLessThan(1e-6);
    expect(worstError(wasm.cNew, typescript.cNew)).toBeLessThan(1e-6);
    // the two paths round differently: identical bits everywhere would mean one path ran twice
    expect(worstError(wasm.gates, typescript.gates)).toBeGreaterThan(0);
  });

  it("declines a hidden size that is not a multiple of 4", () => {
    const [B, H] = [2, 6];
    const a = new Float32Array(B * 4 * H);
    const s = new Float32Array(B * H);
    expect(lstmCellWasm(a, s, s, new Float32Array(4 * H * H), B, H)).toBeUndefined();
  });

  it("saturated gates (pre-activations ±1000) give the exact saturated cell", () => {
    const [B, H] = [2, 4];
    const xProj = Float32Array.from([
      ...Array<number>(4 * H).fill(1000),
      ...Array<number>(4 * H).fill(-1000),
    ]);
    const zero = new Float32Array(B * H);
    const out = lstmCellWasm(xProj, zero, zero, new Float32Array(4 * H * H).fill(0.5), B, H);
    const { hNew, cNew } = out as NonNullable<typeof out>;
    // i = f = g = o = 1: c' = 1, h' = tanh 1;  i = f = o = 0, g = −1: c' = 0, h' = 0
    expect([...cNew]).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
    for (let j = 0; j < H; j++) {
      expect(Math.abs((hNew[j] as number) - Math.tanh(1))).toBeLessThan(1e-7);
      expect(hNew[H + j]).toBe(0);
    }
  });
});
