import { Rng } from "@rnnkit/core-tensor";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { randomValues, worstRelative } from "../../test-support/relative-error.js";
import { lstmSequenceImpl } from "../kernels/fused/lstm-sequence.js";
import { lstmSequenceGradImpl } from "../kernels/fused/lstm-sequence-grad.js";
import { setCpuWasmEnabled } from "./cpu-wasm.js";
import { lstmSequenceGradWasm, lstmSequenceWasm } from "./lstm-sequence-wasm.js";

beforeEach(() => {
  setCpuWasmEnabled(true);
});
afterEach(() => {
  setCpuWasmEnabled(true);
});

describe("LSTM sequence in WebAssembly (float32) vs the TypeScript kernel in float64", () => {
  for (const [B, T, H, goBackwards] of [
    [5, 7, 12, false],
    [3, 9, 8, true],
    [1, 4, 20, false],
    [33, 3, 16, true],
  ] as const) {
    it(`B=${B} T=${T} H=${H}${goBackwards ? " backwards" : ""}: outputs, saved values and every gradient`, () => {
      const rng = new Rng(B * 100 + T * 10 + H);
      const G = 4 * H;
      const x = randomValues(B * T * G, rng, 1.5);
      const h0 = randomValues(B * H, rng, 1);
      const c0 = randomValues(B * H, rng, 2);
      const w = randomValues(G * H, rng, 0.4);
      const f32 = (a: Float64Array) => Float32Array.from(a);
      const ref = lstmSequenceImpl(x, h0, c0, w, B, T, H, goBackwards, "float64");
      const got = lstmSequenceWasm(f32(x), f32(h0), f32(c0), f32(w), B, T, H, goBackwards);
      expect(got).toBeDefined();
      for (const key of ["hSeq", "hN", "cN", "gates", "cSeq"] as const) {
        expect(worstRelative(got?.[key] as Float32Array, ref[key]), key).toBeLessThan(2e-5);
      }
      const dhSeq = randomValues(B * T * H, rng, 1);
      const dhN = randomValues(B * H, rng, 1);
      const dcN = randomValues(B * H, rng, 1);
      const arrays = {
        dhSeq,
        dhN,
        dcN,
        gates: ref.gates,
        cSeq: ref.cSeq,
        hSeq: ref.hSeq,
        h0,
        c0,
        weightHh: w,
      };
      const refGrad = lstmSequenceGradImpl(arrays, B, T, H, goBackwards, "float64");
      const asF32 = Object.fromEntries(
        Object.entries(arrays).map(([k, v]) => [k, Float32Array.from(v as Float64Array)]),
      ) as unknown as Parameters<typeof lstmSequenceGradWasm>[0];
      const grad = lstmSequenceGradWasm(asF32, B, T, H, goBackwards);
      expect(grad).toBeDefined();
      for (const key of ["dXProj", "dH0", "dC0", "dWeightHh"] as const) {
        expect(worstRelative(grad?.[key] as Float32Array, refGrad[key]), key).toBeLessThan(5e-5);
      }
      // the TypeScript float32 path gives the same values
      setCpuWasmEnabled(false);
      const ts = lstmSequenceImpl(
        f32(x),
        f32(h0),
        f32(c0),
        f32(w),
        B,
        T,
        H,
        goBackwards,
        "float32",
      );
      expect(worstRelative(ts.hSeq, ref.hSeq)).toBeLessThan(2e-5);
      const tsGrad = lstmSequenceGradImpl(asF32, B, T, H, goBackwards, "float32");
      expect(worstRelative(tsGrad.dWeightHh, refGrad.dWeightHh)).toBeLessThan(5e-5);
    });
  }

  it("declines H not a multiple of 4 (the TypeScript kernel runs instead)", () => {
    const z = new Float32Array(64);
    expect(lstmSequenceWasm(z, z, z, z, 1, 1, 3, false)).toBeUndefined();
  });
});
