import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { memory, type Tensor, tensor } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { clipGradNorm } from "./clip-grad-norm.js";

registerCpuBackend();

function grads(): Map<string, Tensor> {
  return new Map([
    ["a", tensor([3, 4], [2], "float64")],
    ["b", tensor([[12]], undefined, "float64")],
  ]);
}

describe("clipGradNorm", () => {
  it("scales by maxNorm / (‖g‖ + 1e-6) and returns the norm before clipping (hand-computed)", () => {
    const before = memory();
    const g = grads();
    const a = g.get("a");
    expect(clipGradNorm(g, 6.5)).toBe(13);
    const c = 6.5 / (13 + 1e-6); // ≈ 0.5
    expect(Array.from(g.get("a")?.dataSync() ?? [])).toEqual([3 * c, 4 * c]);
    expect(Array.from(g.get("b")?.dataSync() ?? [])).toEqual([12 * c]);
    expect(a?.isDisposed).toBe(true); // replaced in the map, old tensor freed
    for (const t of g.values()) t.dispose();
    expect(memory()).toEqual(before);
  });

  it("leaves gradients untouched when maxNorm ≥ ‖g‖ + 1e-6 (min(c, 1) = 1)", () => {
    const g = grads();
    const a = g.get("a");
    expect(clipGradNorm(g, 14)).toBe(13);
    expect(g.get("a")).toBe(a);
    expect(Array.from(a?.dataSync() ?? [])).toEqual([3, 4]);
    // maxNorm = ‖g‖ still scales by 13 / (13 + 1e-6), as PyTorch does
    expect(clipGradNorm(g, 13)).toBe(13);
    expect(g.get("a")?.dataSync()[0]).toBe(3 * (13 / (13 + 1e-6)));
    for (const t of g.values()) t.dispose();
  });

  it("rejects a negative or NaN maxNorm", () => {
    const g = grads();
    expect(() => clipGradNorm(g, -1)).toThrow("clipGradNorm: maxNorm must be a number ≥ 0, got -1");
    expect(() => clipGradNorm(g, Number.NaN)).toThrow("got NaN");
    for (const t of g.values()) t.dispose();
  });
});
