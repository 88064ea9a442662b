import { grads, matMul, mul, Rng, sum, type Tensor, tensor, tidy } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { worstAbsolute } from "../../../test-support/relative-error.js";
import { registerCpuBackend } from "../../register.js";
import { gemmWasm } from "../../wasm/gemm-wasm.js";
import { sparseMatMul } from "./sparse-mat-mul.js";

registerCpuBackend();

/** Reference: float64 triple loop on A stored [m,k] (or [k,m]) and B stored [k,n] (or [n,k]). */
function naive(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
  aOffset = 0,
  bOffset = 0,
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const x = a[aOffset + (transposeA ? p * m + i : i * k + p)] as number;
        const y = b[bOffset + (transposeB ? j * k + p : p * n + j)] as number;
        s += x * y;
      }
      out[i * n + j] = s;
    }
  }
  return out;
}

function dense(size: number, rng: Rng, Type: Float32ArrayConstructor | Float64ArrayConstructor) {
  const values = new Type(size);
  for (let i = 0; i < size; i++) values[i] = rng.next() * 2 - 1;
  return values;
}

/** [rows, cols] with `perRow` non-zeros per row (some rows empty when perRow is 0 for them). */
function sparse(
  rows: number,
  cols: number,
  rng: Rng,
  Type: Float32ArrayConstructor | Float64ArrayConstructor,
  oneHot: boolean,
) {
  const x = new Type(rows * cols);
  for (let r = 0; r < rows; r++) {
    if (!oneHot && r % 7 === 3) continue; // an empty row
    const count = oneHot ? 1 : 1 + (r % 3);
    for (let c = 0; c < count; c++) {
      x[r * cols + Math.floor(rng.next() * cols)] = oneHot ? 1 : rng.next() * 4 - 2;
    }
  }
  return x;
}

describe("sparseMatMul (mostly-zero operand)", () => {
  const [m, k, n] = [200, 65, 96];
  for (const Type of [Float32Array, Float64Array]) {
    const tolerance = Type === Float32Array ? 1e-5 : 1e-12;
    for (const oneHot of [true, false]) {
      const what = `${Type.name}, ${oneHot ? "one-hot" : "a few non-zeros per row"}`;
      it(`sparse A (x·Wᵀ, x·W, xᵀ·dY): ${what}`, () => {
        const rng = new Rng(1);
        const a = sparse(m, k, rng, Type, oneHot);
        for (const transposeB of [true, false]) {
          // xᵀ·dY with x stored [m, k] read transposed: [k, m]·[m, n]
          const dy = dense(m * n, rng, Type);
          const grad = new Type(k * n);
          expect(sparseMatMul(a, dy, k, m, n, true, false, grad, 0, 0, 0, false)).toBe(true);
          expect(worstAbsolute(grad, naive(a, dy, k, m, n, true, false))).toBeLessThan(tolerance);
          const b = dense(k * n, rng, Type);
          const out = new Type(m * n);
          expect(sparseMatMul(a, b, m, k, n, false, transposeB, out, 0, 0, 0, false)).toBe(true);
          expect(worstAbsolute(out, naive(a, b, m, k, n, false, transposeB))).toBeLessThan(
            tolerance,
          );
          // accumulate into an offset output
          const acc = dense(m * n + 5, rng, Type);
          const expected = naive(a, b, m, k, n, false, transposeB).map(
            (v, i) => v + (acc[5 + i] as number),
          );
          expect(sparseMatMul(a, b, m, k, n, false, transposeB, acc, 0, 0, 5, true)).toBe(true);
          expect(worstAbsolute(acc, expected, 5)).toBeLessThan(tolerance);
        }
      });
      it(`sparse B (the weight gradient Aᵀ·x and A·x): ${what}`, () => {
        const rng = new Rng(2);
        // B = x stored [k, n] with k rows of one-hot characters
        const [mm, kk, nn] = [96, 200, 65];
        const b = sparse(kk, nn, rng, Type, oneHot);
        for (const transposeA of [true, false]) {
          const a = dense(mm * kk + 3, rng, Type);
          const out = new Type(mm * nn);
          expect(sparseMatMul(a, b, mm, kk, nn, transposeA, false, out, 3, 0, 0, false)).toBe(true);
          expect(worstAbsolute(out, naive(a, b, mm, kk, nn, transposeA, false, 3))).toBeLessThan(
            tolerance,
          );
          const acc = dense(mm * nn, rng, Type);
          const expected = naive(a, b, mm, kk, nn, transposeA, false, 3).map(
            (v, i) => v + (acc[i] as number),
          );
          expect(sparseMatMul(a, b, mm, kk, nn, transposeA, false, acc, 3, 0, 0, true)).toBe(true);
          expect(worstAbsolute(acc, expected)).toBeLessThan(tolerance);
        }
      });
    }
  }

  it("starts every row at a bias: one-hot rows, several non-zeros, sparse B, A transposed", () => {
    for (const Type of [Float32Array, Float64Array]) {
      const tolerance = Type === Float32Array ? 1e-5 : 1e-12;
      const rng = new Rng(6);
      const plusBias = (c: Float64Array, bias: ArrayLike<number>, cols: number) =>
        c.map((v, i) => v + (bias[i % cols] as number));
      for (const oneHot of [true, false]) {
        const a = sparse(m, k, rng, Type, oneHot);
        const b = dense(n * k, rng, Type);
        const bias = dense(n, rng, Type);
        const out = new Type(m * n);
        expect(sparseMatMul(a, b, m, k, n, false, true, out, 0, 0, 0, false, bias)).toBe(true);
        expect(
          worstAbsolute(out, plusBias(naive(a, b, m, k, n, false, true), bias, n)),
        ).toBeLessThan(tolerance);
        // A stored [m, k] read transposed: [k, m]·[m, n'] + bias [n']
        const dy = dense(m * n, rng, Type);
        const grad = new Type(k * n);
        expect(sparseMatMul(a, dy, k, m, n, true, false, grad, 0, 0, 0, false, bias)).toBe(true);
        expect(
          worstAbsolute(grad, plusBias(naive(a, dy, k, m, n, true, false), bias, n)),
        ).toBeLessThan(tolerance);
        // sparse B [m, k] (k columns): [n, m]·[m, k] + bias [k]
        const left = dense(n * m, rng, Type);
        const biasK = dense(k, rng, Type);
        const viaB = new Type(n * k);
        expect(sparseMatMul(left, a, n, m, k, false, false, viaB, 0, 0, 0, false, biasK)).toBe(
          true,
        );
        expect(
          worstAbsolute(viaB, plusBias(naive(left, a, n, m, k, false, false), biasK, k)),
        ).toBeLessThan(tolerance);
      }
    }
  });

  it("leaves dense operands, small products and stored-transposed sparse operands to the GEMM", () => {
    const rng = new Rng(3);
    const out = new Float32Array(m * n);
    const a = dense(m * k, rng, Float32Array);
    const b = dense(k * n, rng, Float32Array);
    expect(sparseMatMul(a, b, m, k, n, false, false, out, 0, 0, 0, false)).toBe(false);
    // 1 in 8 non-zero: above the density limit
    const denser = new Float32Array(m * k).map((_, i) => (i % 8 === 0 ? 1 : 0));
    expect(sparseMatMul(denser, b, m, k, n, false, false, out, 0, 0, 0, false)).toBe(false);
    const x = sparse(m, k, rng, Float32Array, true);
    expect(sparseMatMul(x, b, 4, 8, 8, false, false, out, 0, 0, 0, false)).toBe(false);
    // B stored [n, k] (read transposed) and sparse: not taken (the GEMM runs)
    expect(sparseMatMul(b, x, 8, k, m, false, true, out, 0, 0, 0, false)).toBe(false);
    expect(out.every((v) => v === 0)).toBe(true);
  });

  it("a one-hot product equals the dense float32 GEMM bit for bit", () => {
    const rng = new Rng(4);
    const [rows, v, g] = [256, 65, 128];
    const x = sparse(rows, v, rng, Float32Array, true);
    const w = dense(g * v, rng, Float32Array);
    const viaSparse = new Float32Array(rows * g);
    expect(sparseMatMul(x, w, rows, v, g, false, true, viaSparse, 0, 0, 0, false)).toBe(true);
    const viaGemm = new Float32Array(rows * g);
    if (
      gemmWasm(
        x as Float32Array,
        w as Float32Array,
        rows,
        v,
        g,
        false,
        true,
        viaGemm,
        0,
        0,
        0,
        false,
      )
    ) {
      expect(Array.from(viaSparse)).toEqual(Array.from(viaGemm));
    }
  });

  it("matMul with one-hot input: values and both gradients (float64)", () => {
    const rng = new Rng(5);
    const [rows, v, g] = [128, 65, 64];
    const x = sparse(rows, v, rng, Float64Array, true);
    const w = dense(v * g, rng, Float64Array);
    const upstream = dense(rows * g, rng, Float64Array);
    const [y, dx, dw] = tidy(() => {
      const xt = tensor(x, [rows, v], "float64");
      const wt = tensor(w, [v, g], "float64");
      const up = tensor(upstream, [rows, g], "float64");
      const [gx, gw] = grads((p: Tensor, q: Tensor) => sum(mul(matMul(p, q), up)))([xt, wt]);
      return [matMul(xt, wt).dataSync(), gx?.dataSync(), gw?.dataSync()];
    });
    // y = x·W, dx = dY·Wᵀ, dW = xᵀ·dY
    expect(
      worstAbsolute(y as ArrayLike<number>, naive(x, w, rows, v, g, false, false)),
    ).toBeLessThan(1e-12);
    expect(
      worstAbsolute(dx as ArrayLike<number>, naive(upstream, w, rows, g, v, false, true)),
    ).toBeLessThan(1e-12);
    expect(
      worstAbsolute(dw as ArrayLike<number>, naive(x, upstream, v, rows, g, true, false)),
    ).toBeLessThan(1e-12);
  });
});
