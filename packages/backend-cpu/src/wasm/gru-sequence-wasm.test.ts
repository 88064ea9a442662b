import { Rng } from "@rnnkit/core-tensor";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { gruSequenceImpl } from "../kernels/fused/gru-sequence.js";
import { gruSequenceGradImpl } from "../kernels/fused/gru-sequence-grad.js";
import { setCpuWasmEnabled } from "./cpu-wasm.js";
import { gruSequenceGradWasm, gruSequenceWasm } from "./gru-sequence-wasm.js";

beforeEach(() => {
  setCpuWasmEnabled(true);
});
afterEach(() => {
  setCpuWasmEnabled(true);
});

const random = (size: number, rng: Rng, scale: number) =>
  Float64Array.from({ length: size }, () => (rng.next() * 2 - 1) * scale);
const f32 = (a: Float64Array) => Float32Array.from(a);

function worstRelative(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let scale = 0;
  for (let i = 0; i < expected.length; i++)
    scale = Math.max(scale, Math.abs(expected[i] as number));
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs((actual[i] as number) - (expected[i] as number));
    worst = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(worst, d);
  }
  return worst / Math.max(scale, 1e-30);
}

describe("GRU sequence in WebAssembly (float32) vs the TypeScript kernel in float64", () => {
  for (const [B, T, H, goBackwards] of [
    [5, 7, 12, false],
    [3, 9, 8, true],
    [1, 4, 20, false],
    [33, 3, 16, true],
  ] as const) {
    it(`B=${B} T=${T} H=${H}${goBackwards ? " backwards" : ""}: outputs, saved gates and every gradient`, () => {
      const rng = new Rng(B * 100 + T * 10 + H + 7);
      const G = 3 * H;
      const x = random(B * T * G, rng, 1.5);
      const h0 = random(B * H, rng, 1);
      const w = random(G * H, rng, 0.4);
      const bias = random(G, rng, 0.5);
      const ref = gruSequenceImpl(x, h0, w, bias, B, T, H, true, goBackwards, "float64");
      const got = gruSequenceWasm(f32(x), f32(h0), f32(w), f32(bias), B, T, H, true, goBackwards);
      expect(got).toBeDefined();
      for (const key of ["hSeq", "hN", "gates"] as const) {
        expect(worstRelative(got?.[key] as Float32Array, ref[key]), key).toBeLessThan(2e-5);
      }
      const dhSeq = random(B * T * H, rng, 1);
      const dhN = random(B * H, rng, 1);
      const refGrad = gruSequenceGradImpl(
        dhSeq,
        dhN,
        ref.gates,
        ref.hSeq,
        h0,
        w,
        B,
        T,
        H,
        true,
        goBackwards,
        "float64",
      );
      const grad = gruSequenceGradWasm(
        f32(dhSeq),
        f32(dhN),
        f32(ref.gates as Float64Array),
        f32(ref.hSeq as Float64Array),
        f32(h0),
        f32(w),
        B,
        T,
        H,
        true,
        goBackwards,
      );
      expect(grad).toBeDefined();
      for (const key of ["dXProj", "dH0", "dWeightHh", "dBiasHh"] as const) {
        expect(worstRelative(grad?.[key] as Float32Array, refGrad[key]), key).toBeLessThan(5e-5);
      }
    });
  }

  it("declines the course's form and H not a multiple of 4 (the TypeScript kernel runs instead)", () => {
    const z = new Float32Array(64);
    expect(gruSequenceWasm(z, z, z, z, 1, 1, 4, false, false)).toBeUndefined();
    expect(gruSequenceWasm(z, z, z, z, 1, 1, 3, true, false)).toBeUndefined();
  });
});
