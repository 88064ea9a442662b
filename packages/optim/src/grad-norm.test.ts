import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { tensor } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { gradNorm } from "./grad-norm.js";

registerCpuBackend();

describe("gradNorm", () => {
  it("is the L2 norm of all gradients as one vector: √(3² + 4² + 12²) = 13", () => {
    const a = tensor([3, 4], [2], "float64");
    const b = tensor([[12]], undefined, "float64");
    expect(
      gradNorm(
        new Map([
          ["a", a],
          ["b", b],
        ]),
      ),
    ).toBe(13);
    expect(gradNorm([a, b])).toBe(13);
    expect(gradNorm(new Map())).toBe(0);
    a.dispose();
    b.dispose();
  });
});
