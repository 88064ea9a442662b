import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { tensor, variable } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { Adam } from "./adam.js";
import { ExponentialLR } from "./exponential-lr.js";

registerCpuBackend();

describe("ExponentialLR", () => {
  it("multiplies the rate by γ every epoch: lr_e = lr_{e−1}·γ", () => {
    const w = variable(tensor([1]));
    const optimizer = new Adam([w], { learningRate: 0.1 });
    const schedule = new ExponentialLR(optimizer, { gamma: 0.9 });
    let expected = 0.1;
    for (let e = 1; e <= 5; e++) {
      expected *= 0.9;
      expect(schedule.step()).toBe(expected);
    }
    expect(optimizer.learningRate).toBeCloseTo(0.1 * 0.9 ** 5, 15);
    expect(schedule.baseLearningRate).toBe(0.1);
    expect(() => new ExponentialLR(optimizer, { gamma: -1 })).toThrow(
      "ExponentialLR: gamma must be a number in [0, Infinity], got -1",
    );
    w.dispose();
  });
});
