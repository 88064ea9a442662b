import { Rng } from "@rnnkit/core-tensor";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { randomValues, worstRelative } from "../../test-support/relative-error.js";
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

const f32 = (a: Float64Array) => Float32Array.from(a);

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
      const x = randomValues(B * T * G, rng, 1.5);
      const h0 = randomValues(B * H, rng, 1);
      const w = randomValues(G * H, rng, 0.4);
      const bias = randomValues(G, rng, 0.5);
      const ref = gruSequenceImpl(x, h0, w, bias, B, T, H, true, goBackwards, "float64");
      const got = gruSequenceWasm(f32(x), f32(h0), f32(w), f32(bias), B, T, H, true, goBackwards);
      expect(got).toBeDefined();
      for (const key of ["hSeq", "hN", "gates"] as const) {
        expect(worstRelative(got?.[key] as Float32Array, ref[key]), key).toBeLessThan(2e-5);
      }
      const dhSeq = randomValues(B * T * H, rng, 1);
      const dhN = randomValues(B * H, rng, 1);
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
