import { describe, expect, it } from "vitest";
import { binaryImpl } from "./binary-kernel.js";

/** Reference broadcast: out[idx] = f(a[idx with size-1 axes at 0], b[same]), shapes of equal rank. */
function reference(
  a: Float64Array,
  aShape: number[],
  b: Float64Array,
  bShape: number[],
  f: (x: number, y: number) => number,
): Float64Array {
  const shape = aShape.map((d, i) => Math.max(d, bShape[i] as number));
  const size = shape.reduce((p, d) => p * d, 1);
  const out = new Float64Array(size);
  const flat = (index: number[], s: number[]): number =>
    index.reduce((acc, v, d) => acc * (s[d] as number) + ((s[d] as number) === 1 ? 0 : v), 0);
  for (let i = 0; i < size; i++) {
    const index: number[] = [];
    let rest = i;
    for (let d = shape.length - 1; d >= 0; d--) {
      index.unshift(rest % (shape[d] as number));
      rest = Math.floor(rest / (shape[d] as number));
    }
    out[i] = f(a[flat(index, aShape)] as number, b[flat(index, bShape)] as number);
  }
  return out;
}

const values = (n: number, start: number): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => start + i * 0.5 - (i % 3));

describe("binaryImpl broadcasting along trailing axes", () => {
  const cases: [number[], number[]][] = [
    [
      [2, 3, 4],
      [2, 3, 1],
    ], // b repeats over the last axis (a [B,T,C] with b [B,T,1])
    [
      [2, 3, 1],
      [2, 3, 4],
    ], // a repeats
    [
      [2, 3, 4],
      [2, 1, 1],
    ], // b repeats over the last two axes
    [
      [4, 1],
      [4, 5],
    ],
    [
      [3, 2, 4],
      [1, 2, 1],
    ], // neither pattern: the general path
  ];
  for (const [aShape, bShape] of cases) {
    it(`[${aShape}] − [${bShape}] matches an index-by-index broadcast`, () => {
      const a = values(
        aShape.reduce((p, d) => p * d, 1),
        1,
      );
      const b = values(
        bShape.reduce((p, d) => p * d, 1),
        -2,
      );
      const { values: out, shape } = binaryImpl("x - y")(a, aShape, b, bShape, "float64");
      expect(shape).toEqual(aShape.map((d, i) => Math.max(d, bShape[i] as number)));
      expect([...out]).toEqual([...reference(a, aShape, b, bShape, (x, y) => x - y)]);
    });
  }
});
