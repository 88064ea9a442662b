import { Rng } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { gatherImpl } from "./gather.js";
import { scatterAddImpl } from "./scatter-add.js";

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += (a[i] as number) * (b[i] as number);
  return total;
}

describe("gatherImpl and scatterAddImpl", () => {
  it("copy long rows (embedding lookup)", () => {
    // x [4, 50]: x[r, i] = 100 r + i
    const x = Float32Array.from({ length: 200 }, (_, k) => 100 * Math.floor(k / 50) + (k % 50));
    const out = gatherImpl(x, [4, 50], new Int32Array([3, 3, 0]), 0, "float32");
    const row = (r: number) => Array.from({ length: 50 }, (_, i) => 100 * r + i);
    expect([...out]).toEqual([...row(3), ...row(3), ...row(0)]);
  });

  it("are adjoint: <gather(x), y> = <x, scatterAdd(y)> for every axis, with repeated indices", () => {
    const rng = new Rng(3);
    const shape = [3, 4, 5];
    const x = Float64Array.from({ length: 60 }, () => rng.nextInt(19) - 9);
    const indices = new Int32Array([1, 0, 1, 2, 1]);
    for (let axis = 0; axis < 3; axis++) {
      const gathered = gatherImpl(x, shape, indices, axis, "float64");
      const y = Float64Array.from({ length: gathered.length }, () => rng.nextInt(19) - 9);
      const scattered = scatterAddImpl(y, indices, axis, shape, "float64");
      expect(scattered.length).toBe(60);
      expect(dot(gathered, y)).toBe(dot(x, scattered));
    }
  });
});
