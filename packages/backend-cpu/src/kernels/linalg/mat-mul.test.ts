import {
  grads,
  matMul,
  memory,
  Rng,
  RnnkitError,
  sum,
  type Tensor,
  tensor,
  tidy,
} from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { registerCpuBackend } from "../../register.js";
import { matMulImpl } from "./mat-mul.js";

registerCpuBackend();

/** Reference triple loop on A stored [m,k] (or [k,m]) and B stored [k,n] (or [n,k]). */
function naive(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) {
        const x = (transposeA ? a[p * m + i] : a[i * k + p]) as number;
        const y = (transposeB ? b[j * k + p] : b[p * n + j]) as number;
        acc += x * y;
      }
      out[i * n + j] = acc;
    }
  }
  return out;
}

function random(size: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: size }, () => rng.next() * 2 - 1);
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number) {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs((actual[i] as number) - (expected[i] as number)));
  }
  expect(worst).toBeLessThanOrEqual(tolerance);
}

const FLAGS = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;

describe("matMulImpl", () => {
  const rng = new Rng(7);
  // Sizes around the micro-tile (4), the small-product cut-off (8), MC (64), KC (256), NC (512).
  const shapes: [number, number, number][] = [
    [1, 5, 7],
    [7, 3, 9],
    [8, 8, 8],
    [13, 9, 10],
    [65, 17, 66],
    [130, 270, 9],
    [9, 20, 530],
  ];
  for (const [m, k, n] of shapes) {
    for (const [transposeA, transposeB] of FLAGS) {
      it(`[${m},${k}]·[${k},${n}] transposeA=${transposeA} transposeB=${transposeB}`, () => {
        const a = random(m * k, rng);
        const b = random(k * n, rng);
        const out = new Float64Array(m * n).fill(Number.NaN);
        matMulImpl(a, b, m, k, n, transposeA, transposeB, out);
        expectClose(out, naive(a, b, m, k, n, transposeA, transposeB), 1e-12 * k);
      });
    }
  }

  it("writes float32 output from float32 inputs", () => {
    const [m, k, n] = [33, 40, 21];
    const a = Float32Array.from(random(m * k, rng));
    const b = Float32Array.from(random(k * n, rng));
    const out = new Float32Array(m * n);
    matMulImpl(a, b, m, k, n, false, true, out);
    expectClose(out, naive(a, b, m, k, n, false, true), 1e-5);
  });

  it("reads and writes at offsets, and accumulates", () => {
    for (const [m, k, n] of [
      [3, 4, 5],
      [20, 30, 12],
    ] as const) {
      const a = random(2 + m * k, rng);
      const b = random(3 + k * n, rng);
      const out = random(4 + m * n, rng);
      const before = out.slice();
      matMulImpl(a, b, m, k, n, false, false, out, {
        aOffset: 2,
        bOffset: 3,
        outOffset: 4,
        accumulate: true,
      });
      const product = naive(a.subarray(2), b.subarray(3), m, k, n, false, false);
      expectClose(out.subarray(0, 4), before.subarray(0, 4), 0);
      expectClose(
        out.subarray(4),
        product.map((v, i) => v + (before[4 + i] as number)),
        1e-12,
      );
    }
  });

  it("an empty inner dimension gives zeros (or leaves out unchanged when accumulating)", () => {
    const out = new Float64Array([1, 2, 3, 4]);
    matMulImpl(new Float64Array(0), new Float64Array(0), 2, 0, 2, false, false, out, {
      accumulate: true,
    });
    expect([...out]).toEqual([1, 2, 3, 4]);
    matMulImpl(new Float64Array(0), new Float64Array(0), 2, 0, 2, false, false, out);
    expect([...out]).toEqual([0, 0, 0, 0]);
  });
});

describe("matMul op", () => {
  it("names the shapes when the inner dimensions differ", () => {
    tidy(() => {
      const a = tensor(new Float32Array(6), [2, 3]);
      const b = tensor(new Float32Array(20), [4, 5]);
      expect(() => matMul(a, b)).toThrow(
        new RnnkitError("matMul", "inner dimensions differ: a is [2,3], b is [4,5]"),
      );
      expect(() => matMul(a, a, false, true)).not.toThrow();
      expect(() => matMul(a, a)).toThrow(/inner dimensions differ: a is \[2,3\], b is \[2,3\]$/);
      expect(() => matMul(a, b, true, true)).toThrow(/\(with transposeA, transposeB\)/);
    });
  });

  it("rejects rank < 2, mixed dtypes, int32 and mismatched batches", () => {
    tidy(() => {
      const a = tensor([1, 2], [2]);
      const m = tensor([1, 2, 3, 4], [2, 2]);
      expect(() => matMul(a, m)).toThrow(/matMul: both operands need rank ≥ 2: a is \[2\]/);
      expect(() => matMul(m, tensor([1, 2, 3, 4], [2, 2], "float64"))).toThrow(
        "matMul: dtypes differ: a is float32, b is float64",
      );
      const i = tensor([1, 2, 3, 4], [2, 2], "int32");
      expect(() => matMul(i, i)).toThrow("matMul: int32 is not supported");
      const a3 = tensor(new Float32Array(12), [3, 2, 2]);
      const b2 = tensor(new Float32Array(8), [2, 2, 2]);
      expect(() => matMul(a3, b2)).toThrow(/matMul: batch dimensions differ/);
    });
  });

  it("keeps the batch shape of the batched operand", () => {
    tidy(() => {
      const a = tensor(new Float64Array(2 * 3 * 4 * 5), [2, 3, 4, 5], "float64");
      const b = tensor(new Float64Array(5 * 6), [5, 6], "float64");
      expect(matMul(a, b).shape).toEqual([2, 3, 4, 6]);
      expect(matMul(b, a, true, true).shape).toEqual([2, 3, 6, 4]);
      expect(
        matMul(tensor(new Float64Array(30), [1, 5, 6], "float64"), b, false, true).shape,
      ).toEqual([1, 5, 5]);
    });
  });

  it("sums the gradient of a reused operand over the batch, without leaking", () => {
    const before = memory().numTensors;
    tidy(() => {
      // a [2,1,2] batched, b [2,1] reused: y_t = a_t·b, d sum(y)/db = Σ_t a_tᵀ
      const a = tensor([1, 2, 3, 4], [2, 1, 2], "float64");
      const b = tensor([5, 6], [2, 1], "float64");
      const [da, db] = grads((x: Tensor, y: Tensor) => sum(matMul(x, y)))([a, b]) as Tensor[];
      expect([...(da as Tensor).dataSync()]).toEqual([5, 6, 5, 6]);
      expect([...(db as Tensor).dataSync()]).toEqual([4, 6]);
    });
    expect(memory().numTensors).toBe(before);
  });
});
