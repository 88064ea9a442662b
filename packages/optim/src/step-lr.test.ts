import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { tensor, variable } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { SGD } from "./sgd.js";
import { StepLR } from "./step-lr.js";

registerCpuBackend();

describe("StepLR", () => {
  it("multiplies the rate by γ every stepSize epochs (PyTorch's chainable form)", () => {
    const w = variable(tensor([1]));
    const optimizer = new SGD([w], { learningRate: 1 });
    const schedule = new StepLR(optimizer, { stepSize: 2, gamma: 0.5 });
    const rates = Array.from({ length: 6 }, () => schedule.step());
    // epochs 1..6: lr_0 · γ^⌊e/2⌋
    expect(rates).toEqual([1, 0.5, 0.5, 0.25, 0.25, 0.125]);
    expect(optimizer.learningRate).toBe(0.125);
    expect(schedule.stateDict()).toEqual({ lastEpoch: 6 });
    w.dispose();
  });

  it("resumes from stateDict with the optimizer's restored rate", () => {
    const w = variable(tensor([1]));
    const a = new SGD([w], { learningRate: 0.1 });
    const scheduleA = new StepLR(a, { stepSize: 3 });
    for (let e = 0; e < 4; e++) scheduleA.step();
    const b = new SGD([w], { learningRate: 0.1 });
    b.loadStateDict(a.stateDict());
    const scheduleB = new StepLR(b, { stepSize: 3 });
    scheduleB.loadStateDict(scheduleA.stateDict());
    for (let e = 0; e < 3; e++) {
      expect(scheduleB.step()).toBe(scheduleA.step());
    }
    w.dispose();
  });

  it("rejects a bad stepSize", () => {
    const w = variable(tensor([1]));
    const optimizer = new SGD([w]);
    expect(() => new StepLR(optimizer, { stepSize: 0 })).toThrow(
      "StepLR: stepSize must be an integer ≥ 1, got 0",
    );
    w.dispose();
  });
});
