import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { RnnkitError, tensor } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { samplingDistribution } from "./sampling-distribution.js";

registerCpuBackend();

function expectClose(actual: Float64Array, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => {
    expect(actual[i]).toBeCloseTo(e, 12);
  });
}

describe("samplingDistribution", () => {
  it("is softmax(logits / τ)", () => {
    // p ∝ [1, 3]
    expectClose(samplingDistribution([0, Math.log(3)]), [0.25, 0.75]);
    // τ = 2: p ∝ [1, √9] = [1, 3]
    expectClose(samplingDistribution([0, Math.log(9)], { temperature: 2 }), [0.25, 0.75]);
    // shifting all logits changes nothing; a tensor [1, V] works
    expectClose(
      samplingDistribution(tensor([[100, 100 + Math.log(3)]], [1, 2], "float64")),
      [0.25, 0.75],
    );
  });

  it("τ = 0 is one-hot at the argmax (lowest index on ties)", () => {
    expectClose(samplingDistribution([1, 5, 2], { temperature: 0 }), [0, 1, 0]);
    expectClose(samplingDistribution([7, 7, 2], { temperature: 0 }), [1, 0, 0]);
  });

  it("top-k keeps exactly the k largest and renormalizes", () => {
    const e3 = Math.exp(3);
    const e4 = Math.exp(4);
    expectClose(samplingDistribution([1, 2, 3, 4], { topK: 2 }), [
      0,
      0,
      e3 / (e3 + e4),
      e4 / (e3 + e4),
    ]);
    expectClose(samplingDistribution([4, 3, 2, 1], { topK: 1 }), [1, 0, 0, 0]);
    // ties at the boundary: the lower index stays
    expectClose(samplingDistribution([1, 1, 1], { topK: 2 }), [0.5, 0.5, 0]);
    // k ≥ V keeps everything
    expectClose(samplingDistribution([0, Math.log(3)], { topK: 5 }), [0.25, 0.75]);
  });

  it("top-p keeps the fewest most probable symbols whose mass reaches p", () => {
    const logits = [0.5, 0.3, 0.2].map(Math.log);
    expectClose(samplingDistribution(logits, { topP: 0.8 }), [0.625, 0.375, 0]); // 0.5 + 0.3 = 0.8
    expectClose(samplingDistribution(logits, { topP: 0.79 }), [0.625, 0.375, 0]);
    expectClose(samplingDistribution(logits, { topP: 0.81 }), [0.5, 0.3, 0.2]);
    expectClose(samplingDistribution(logits, { topP: 0.5 }), [1, 0, 0]);
    expectClose(samplingDistribution(logits, { topP: 0.01 }), [1, 0, 0]);
    // order does not matter: the mass is counted from the most probable
    expectClose(
      samplingDistribution([0.2, 0.5, 0.3].map(Math.log), { topP: 0.6 }),
      [0, 0.625, 0.375],
    );
  });

  it("applies temperature, then top-k, then top-p on the renormalized rest", () => {
    // top-3 of [.4 .3 .2 .1] → [4/9, 3/9, 2/9, 0]; top-p 0.7: 4/9 < 0.7 ≤ 7/9 → [4/7, 3/7, 0, 0]
    const logits = [0.4, 0.3, 0.2, 0.1].map(Math.log);
    expectClose(samplingDistribution(logits, { topK: 3 }), [4 / 9, 3 / 9, 2 / 9, 0]);
    expectClose(samplingDistribution(logits, { topK: 3, topP: 0.7 }), [4 / 7, 3 / 7, 0, 0]);
    // τ = 0.5 squares the probabilities: [.16 .09 .04 .01] / 0.3
    expectClose(samplingDistribution(logits, { temperature: 0.5 }), [
      0.16 / 0.3,
      0.09 / 0.3,
      0.04 / 0.3,
      0.01 / 0.3,
    ]);
  });

  it("gives −Infinity logits probability 0", () => {
    expectClose(samplingDistribution([Number.NEGATIVE_INFINITY, 0, 0]), [0, 0.5, 0.5]);
  });

  it("rejects unusable logits and options", () => {
    expect(() => samplingDistribution([])).toThrow(RnnkitError);
    expect(() => samplingDistribution([])).toThrow(/logits are empty/);
    expect(() => samplingDistribution([0, Number.NaN])).toThrow(/logit 1 is NaN/);
    expect(() => samplingDistribution([Number.NEGATIVE_INFINITY])).toThrow(
      /every logit is −Infinity/,
    );
    expect(() => samplingDistribution([0], { temperature: -1 })).toThrow(
      /temperature must be a finite number ≥ 0, got -1/,
    );
    expect(() => samplingDistribution([0], { topK: 0 })).toThrow(
      /topK must be a positive integer, got 0/,
    );
    expect(() => samplingDistribution([0], { topP: 0 })).toThrow(/topP must be in \(0, 1\], got 0/);
    expect(() => samplingDistribution([0], { topP: 1.5 })).toThrow(/topP must be in \(0, 1\]/);
  });
});
