import { memory, Rng, sizeFromShape, stridesOf, tensor, tidy, unstack } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { registerCpuBackend } from "../../register.js";
import { unstackImpl } from "./unstack.js";

registerCpuBackend();

/** Per-element reference: out_k[…, i_{axis−1}, i_{axis+1}, …] = x[…, k, …]. */
function naiveUnstack(x: Float64Array, shape: number[], axis: number): number[][] {
  const strides = stridesOf(shape);
  const outShape = shape.filter((_, d) => d !== axis);
  const outStrides = stridesOf(outShape);
  const outs: number[][] = [];
  for (let k = 0; k < (shape[axis] as number); k++) {
    const out: number[] = [];
    for (let flat = 0; flat < sizeFromShape(outShape); flat++) {
      let src = k * (strides[axis] as number);
      outShape.forEach((dim, d) => {
        const i = Math.floor(flat / (outStrides[d] as number)) % dim;
        src += i * (strides[d < axis ? d : d + 1] as number);
      });
      out.push(x[src] as number);
    }
    outs.push(out);
  }
  return outs;
}

describe("unstackImpl", () => {
  it("matches the per-element reference on random shapes and axes", () => {
    const rng = new Rng(7);
    for (let trial = 0; trial < 200; trial++) {
      const rank = 1 + rng.nextInt(4);
      const shape = Array.from({ length: rank }, (_, d) => rng.nextInt(d === rank - 1 ? 40 : 5));
      const axis = rng.nextInt(rank);
      const x = Float64Array.from({ length: sizeFromShape(shape) }, (_, i) => i + 0.5);
      const got = unstackImpl(x, shape, axis, "float64").map((o) => [...o]);
      expect(got, `shape ${shape} axis ${axis}`).toEqual(naiveUnstack(x, shape, axis));
    }
  });
});

describe("unstack op", () => {
  it("rejects scalars and out-of-range axes, naming the op", () => {
    const before = memory().numTensors;
    tidy(() => {
      expect(() => unstack(tensor(3))).toThrow(
        "unstack: expected a tensor of rank ≥ 1, got a scalar",
      );
      expect(() => unstack(tensor([1, 2, 3, 4], [2, 2]), 2)).toThrow(
        "unstack: axis 2 is out of range for a tensor of rank 2",
      );
    });
    expect(memory().numTensors).toBe(before);
  });

  it("returns no tensors for an empty axis", () => {
    tidy(() => {
      expect(unstack(tensor([], [0, 3]))).toEqual([]);
    });
  });
});
