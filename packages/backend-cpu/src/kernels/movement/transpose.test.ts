import { Rng, sizeFromShape, stridesOf } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { collapsePermutation, transposeImpl } from "./transpose.js";

/** Per-element reference: out[i…] = x[j…] with j[perm[k]] = i[k]. */
function naiveTranspose(x: Float64Array, shape: number[], perm: number[]): Float64Array {
  const outShape = perm.map((p) => shape[p] as number);
  const inStrides = stridesOf(shape);
  const outStrides = stridesOf(outShape);
  const out = new Float64Array(x.length);
  for (let flat = 0; flat < x.length; flat++) {
    let src = 0;
    for (let k = 0; k < perm.length; k++) {
      const i = Math.floor(flat / (outStrides[k] as number)) % (outShape[k] as number);
      src += i * (inStrides[perm[k] as number] as number);
    }
    out[flat] = x[src] as number;
  }
  return out;
}

function shuffled(n: number, rng: Rng): number[] {
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [perm[i], perm[j]] = [perm[j] as number, perm[i] as number];
  }
  return perm;
}

describe("transposeImpl", () => {
  it("merges axes that stay adjacent and drops size-1 axes", () => {
    expect(collapsePermutation([2, 3, 4], [2, 0, 1])).toEqual({ shape: [6, 4], perm: [1, 0] });
    expect(collapsePermutation([2, 1, 3], [2, 1, 0])).toEqual({ shape: [2, 3], perm: [1, 0] });
    expect(collapsePermutation([5, 6, 7], [0, 1, 2])).toEqual({ shape: [210], perm: [0] });
    expect(collapsePermutation([4, 5, 6], [1, 0, 2])).toEqual({
      shape: [4, 5, 6],
      perm: [1, 0, 2],
    });
  });

  it("matches the per-element reference on random shapes and perms (ranks 1-5)", () => {
    const rng = new Rng(7);
    for (let trial = 0; trial < 200; trial++) {
      const rank = 1 + rng.nextInt(5);
      const shape = Array.from({ length: rank }, () => 1 + rng.nextInt(rank > 3 ? 4 : 7));
      const perm = shuffled(rank, rng);
      const x = Float64Array.from({ length: sizeFromShape(shape) }, (_, i) => i * 0.5 - 3);
      const got = transposeImpl(x, shape, perm, "float64");
      expect([...got], `shape ${shape} perm ${perm}`).toEqual([...naiveTranspose(x, shape, perm)]);
    }
  });

  it("matches the reference on the blocked 2-D path and long contiguous runs", () => {
    for (const [shape, perm] of [
      [
        [67, 45],
        [1, 0],
      ],
      [
        [3, 40, 70],
        [1, 0, 2],
      ],
      [
        [33, 2, 65],
        [2, 1, 0],
      ],
    ] as [number[], number[]][]) {
      const x = Float64Array.from({ length: sizeFromShape(shape) }, (_, i) => i);
      const got = transposeImpl(x, shape, perm, "float64");
      expect([...got]).toEqual([...naiveTranspose(x, shape, perm)]);
    }
  });

  it("keeps the dtype and handles empty tensors", () => {
    const got = transposeImpl(new Int32Array([1, 2, 3, 4, 5, 6]), [2, 3], [1, 0], "int32");
    expect(got).toBeInstanceOf(Int32Array);
    expect([...got]).toEqual([1, 4, 2, 5, 3, 6]);
    expect(transposeImpl(new Float32Array(0), [0, 3], [1, 0], "float32").length).toBe(0);
  });
});
