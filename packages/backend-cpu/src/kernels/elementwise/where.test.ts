import { describe, expect, it } from "vitest";
import { whereImpl } from "./where.js";

describe("whereImpl", () => {
  it("same shapes: picks a where the condition is non-zero (NaN counts as true)", () => {
    const { values, shape } = whereImpl(
      new Float64Array([1, 0, Number.NaN, -0.5]),
      [4],
      new Float64Array([1, 2, 3, 4]),
      [4],
      new Float64Array([10, 20, 30, 40]),
      [4],
      "float64",
    );
    expect(shape).toEqual([4]);
    expect([...values]).toEqual([1, 20, 3, 4]);
  });

  it("broadcasts condition [2,1,1], a [3,1] and b [2] to [2,3,2]", () => {
    const { values, shape } = whereImpl(
      new Int32Array([1, 0]),
      [2, 1, 1],
      new Int32Array([1, 2, 3]),
      [3, 1],
      new Int32Array([-1, -2]),
      [2],
      "int32",
    );
    expect(shape).toEqual([2, 3, 2]);
    expect(values).toBeInstanceOf(Int32Array);
    // first block (condition 1): a repeated along the last axis; second: b repeated per row
    expect([...values]).toEqual([1, 1, 2, 2, 3, 3, -1, -2, -1, -2, -1, -2]);
  });

  it("handles an empty output", () => {
    const { values, shape } = whereImpl(
      new Int32Array(0),
      [0],
      new Float32Array([1]),
      [1],
      new Float32Array([2]),
      [],
      "float32",
    );
    expect(shape).toEqual([0]);
    expect(values.length).toBe(0);
  });
});

describe("whereImpl with scalars", () => {
  it("mixes full-shape inputs with single values", () => {
    const run = (
      c: number[],
      cShape: number[],
      a: number[],
      aShape: number[],
      b: number[],
      bShape: number[],
    ) =>
      whereImpl(
        new Int32Array(c),
        cShape,
        new Float32Array(a),
        aShape,
        new Float32Array(b),
        bShape,
        "float32",
      );
    const r1 = run([1, 0, 0, 1], [2, 2], [1, 2, 3, 4], [2, 2], [0], []);
    expect(r1.shape).toEqual([2, 2]);
    expect([...r1.values]).toEqual([1, 0, 0, 4]);
    const r2 = run([0], [1, 1], [7], [], [1, 2, 3, 4], [2, 2]);
    expect(r2.shape).toEqual([2, 2]);
    expect([...r2.values]).toEqual([1, 2, 3, 4]);
    const r3 = run([1], [], [7], [1], [1, 2, 3], [3]);
    expect([...r3.values]).toEqual([7, 7, 7]);
  });
});
