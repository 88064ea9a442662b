import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { memory, setBackend } from "@rnnkit/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { fitLine } from "./fit-line.js";

beforeAll(() => {
  registerCpuBackend();
  setBackend("cpu");
});

describe("fitLine", () => {
  it("learns w ≈ 3 and b ≈ −2 and cuts the loss by more than 100×", () => {
    const before = memory().numTensors;
    const logged: number[] = [];
    const result = fitLine({ onLog: (step) => logged.push(step) });

    expect(result.losses).toHaveLength(100);
    const first = result.losses[0] as number;
    // Initial loss at w = b = 0: mean of (3x − 2)² over x in [-1, 1] ≈ 9·(1/3) + 4 = 7, plus noise.
    expect(first).toBeGreaterThan(5);
    expect(first / result.finalLoss).toBeGreaterThan(100);
    expect(Math.abs(result.w - 3)).toBeLessThan(0.1);
    expect(Math.abs(result.b + 2)).toBeLessThan(0.1);
    expect(logged).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 99]);
    // Every tensor made during training was disposed (tidy per step, explicit disposal at the end).
    expect(memory().numTensors).toBe(before);
  });

  it("does not converge without training steps", () => {
    const result = fitLine({ steps: 0 });
    expect(result.w).toBe(0);
    expect(result.b).toBe(0);
    expect(result.finalLoss).toBeGreaterThan(5);
  });
});
