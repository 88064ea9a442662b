import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { tensor } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { perplexity } from "./perplexity.js";

registerCpuBackend();

describe("perplexity", () => {
  it("is e^H: a uniform guess among 4 classes (H = log 4) has perplexity 4", () => {
    expect(perplexity(Math.log(4))).toBeCloseTo(4, 14);
    expect(perplexity(0)).toBe(1);
  });

  it("reads a one-element tensor, and rejects anything else", () => {
    const h = tensor([Math.log(10)], [], "float64");
    expect(perplexity(h)).toBeCloseTo(10, 13);
    const many = tensor([1, 2]);
    expect(() => perplexity(many)).toThrow(
      "perplexity: expected a number or a one-element tensor, got Tensor(float32 [2])",
    );
    h.dispose();
    many.dispose();
  });
});
