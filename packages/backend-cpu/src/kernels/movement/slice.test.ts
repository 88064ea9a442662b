import { Rng, sizeFromShape, stridesOf } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { sliceImpl } from "./slice.js";

/** Per-element reference: out[i…] = x[begin + i…]. */
function naiveSlice(x: Float64Array, shape: number[], begin: number[], size: number[]): number[] {
  const inStrides = stridesOf(shape);
  const outStrides = stridesOf(size);
  const out: number[] = [];
  for (let flat = 0; flat < sizeFromShape(size); flat++) {
    let src = 0;
    for (let k = 0; k < size.length; k++) {
      const i = Math.floor(flat / (outStrides[k] as number)) % (size[k] as number);
      src += ((begin[k] as number) + i) * (inStrides[k] as number);
    }
    out.push(x[src] as number);
  }
  return out;
}

describe("sliceImpl", () => {
  it("matches the per-element reference on random blocks (short and long runs)", () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 200; trial++) {
      const rank = 1 + rng.nextInt(4);
      const shape = Array.from(
        { length: rank },
        (_, d) => 1 + rng.nextInt(d === rank - 1 ? 70 : 5),
      );
      const begin = shape.map((d) => rng.nextInt(d));
      const size = shape.map((d, k) => rng.nextInt(d - (begin[k] as number) + 1));
      const x = Float64Array.from({ length: sizeFromShape(shape) }, (_, i) => i + 0.25);
      const got = sliceImpl(x, shape, begin, size, "float64");
      expect([...got], `shape ${shape} begin ${begin} size ${size}`).toEqual(
        naiveSlice(x, shape, begin, size),
      );
    }
  });
});
