import { describe, expect, it } from "vitest";
import { concatImpl } from "./concat.js";

describe("concatImpl", () => {
  it("interleaves runs along a middle axis, including long runs and empty inputs", () => {
    // a [2,1,40] holds 1000 + i, b [2,2,40] holds 2000 + i, c [2,0,40] is empty
    const a = Float32Array.from({ length: 80 }, (_, i) => 1000 + i);
    const b = Float32Array.from({ length: 160 }, (_, i) => 2000 + i);
    const c = new Float32Array(0);
    const { values, shape } = concatImpl(
      [a, c, b],
      [
        [2, 1, 40],
        [2, 0, 40],
        [2, 2, 40],
      ],
      1,
      "float32",
    );
    expect(shape).toEqual([2, 3, 40]);
    // out[o, r, :] = a[o, 0, :] for r = 0, else b[o, r - 1, :]
    const expected: number[] = [];
    for (let o = 0; o < 2; o++) {
      for (let i = 0; i < 40; i++) expected.push(1000 + o * 40 + i);
      for (let i = 0; i < 80; i++) expected.push(2000 + o * 80 + i);
    }
    expect([...values]).toEqual(expected);
  });
});
