import { describe, expect, it } from "vitest";
import { unaryImpl } from "./unary-kernel.js";

describe("unaryImpl", () => {
  it("compiles an expression in x into a loop over the typed array", () => {
    const out = unaryImpl("2 * x + 1")(new Float64Array([0, 1.5, -2]), "float64");
    expect(out).toBeInstanceOf(Float64Array);
    expect([...out]).toEqual([1, 4, -3]);
  });

  it("reads named attributes, in order", () => {
    const impl = unaryImpl("x < 0 ? alpha * x : beta + x", ["alpha", "beta"]);
    const out = impl(new Float32Array([-2, 3]), "float32", { beta: 10, alpha: 0.5 });
    expect([...out]).toEqual([-1, 13]);
  });

  it("writes the requested dtype (Int32Array stores truncate toward zero)", () => {
    const out = unaryImpl("x")(new Float64Array([1.9, -1.9, 0.5, -0.5, 7]), "int32");
    expect(out).toBeInstanceOf(Int32Array);
    expect([...out]).toEqual([1, -1, 0, 0, 7]);
  });

  it("offers a scratch variable t for an intermediate value", () => {
    // e^x / (1 + e^x) with one exp per element
    const out = unaryImpl("(t = Math.exp(x)) / (1 + t)")(
      new Float64Array([0, Math.log(3)]),
      "float64",
    );
    expect(out[0]).toBe(0.5);
    expect(out[1]).toBeCloseTo(0.75, 15);
  });

  it("handles empty arrays", () => {
    expect(unaryImpl("-x")(new Float32Array(0), "float32").length).toBe(0);
  });
});
