import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { memory, tensor } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { clipGradValue } from "./clip-grad-value.js";

registerCpuBackend();

describe("clipGradValue", () => {
  it("clamps every element to [−value, value] in place", () => {
    const before = memory();
    const g = new Map([
      ["a", tensor([-3, 0.5, 2], [3], "float64")],
      ["b", tensor([1.5], [1], "float64")],
    ]);
    clipGradValue(g, 1);
    expect(Array.from(g.get("a")?.dataSync() ?? [])).toEqual([-1, 0.5, 1]);
    expect(Array.from(g.get("b")?.dataSync() ?? [])).toEqual([1]);
    for (const t of g.values()) t.dispose();
    expect(memory()).toEqual(before);
    expect(() => clipGradValue(new Map(), -1)).toThrow(
      "clipGradValue: value must be a number ≥ 0, got -1",
    );
  });
});
