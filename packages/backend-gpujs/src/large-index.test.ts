import {
  add,
  concat,
  gather,
  logSoftmax,
  matMul,
  oneHot,
  setBackend,
  slice,
  sum,
  type Tensor,
  tensor,
  tidy,
  transpose,
  unstack,
} from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { registerGpujsBackend } from "./register.js";

// Kernels whose outputs or operands hold more than 2^24 values: gpu.js keeps kernel variables
// in float32, which holds integers exactly only below 2^24, so a flat index past it (or a
// quotient decoded from one) must be computed in int32. Every input value is its flat index mod
// P (a prime), so an element read from a neighbour's index shows (cpu mode computes in float64:
// left out).

const P = 4093;
/** N rows of 3: N·3 = 18,874,368 > 2^24. */
const N = 3 << 21;

/** v[k] = k mod P. */
function ramp(n: number): Float32Array {
  const v = new Float32Array(n);
  for (let k = 0; k < n; k++) v[k] = k % P;
  return v;
}

/** The first index where `actual` differs from expected(k) by more than `tolerance`, or −1. */
function firstMismatch(actual: Tensor, expected: (k: number) => number, tolerance = 0): number {
  const values = actual.dataSync();
  for (let k = 0; k < values.length; k++) {
    if (!(Math.abs((values[k] as number) - expected(k)) <= tolerance)) return k;
  }
  return -1;
}

describe.each(["webasm", "webgpu"] as const)("indices past 2^24 (%s)", (mode) => {
  const x = ramp(N * 3);

  it("registers", () => {
    expect(registerGpujsBackend({ mode }).mode).toBe(mode);
    setBackend("gpujs");
  });

  it("add: [N,3] + [N,3] and [N,3] + [3] (broadcast)", () => {
    tidy(() => {
      const a = tensor(x, [N, 3]);
      expect(firstMismatch(add(a, a), (k) => 2 * (k % P))).toBe(-1);
      const b = tensor([0, 10_000, 20_000], [3]);
      expect(firstMismatch(add(a, b), (k) => (k % P) + 10_000 * (k % 3))).toBe(-1);
    });
  });

  it("transpose [N,3] → [3,N]; slice columns 1..2", () => {
    tidy(() => {
      const a = tensor(x, [N, 3]);
      // out[j, r] = x[r, j] = (3r + j) mod P
      expect(
        firstMismatch(transpose(a, [1, 0]), (k) => ((k % N) * 3 + Math.floor(k / N)) % P),
      ).toBe(-1);
      // out[r, c] = x[r, c + 1]
      expect(
        firstMismatch(slice(a, [0, 1], [N, 2]), (k) => (Math.floor(k / 2) * 3 + (k % 2) + 1) % P),
      ).toBe(-1);
    });
  });

  it("concat [N,1] and [N,2] along axis 1; unstack [4096,3,1366] along axis 1", () => {
    tidy(() => {
      const first = tensor(ramp(N), [N, 1]);
      const rest = tensor(x.subarray(0, 2 * N), [N, 2]);
      // out[r, 0] = r mod P, out[r, 1 + c] = (2r + c) mod P
      const joined = concat([first, rest], 1);
      expect(
        firstMismatch(joined, (k) => {
          const r = Math.floor(k / 3);
          const c = k % 3;
          return c === 0 ? r % P : (2 * r + c - 1) % P;
        }),
      ).toBe(-1);
      const [outer, n, inner] = [4096, 3, 1366];
      expect(outer * n * inner).toBeGreaterThan(2 ** 24);
      const parts = unstack(tensor(x.subarray(0, outer * n * inner), [outer, n, inner]), 1);
      // parts[j][o, c] = x[(o·n + j)·inner + c]
      parts.forEach((part, j) => {
        expect(
          firstMismatch(part, (k) => ((Math.floor(k / inner) * n + j) * inner + (k % inner)) % P),
        ).toBe(-1);
      });
    });
  });

  it("matMul: a [8193,2] · b [2,2049] → 16,787,457 outputs; a [8193,2049] · b [2049,1]", () => {
    tidy(() => {
      const [m, n] = [8193, 2049];
      // a[r] = [r mod P, 1], b = [1…1; 4096·(c mod 1021)…]: out[r, c] = r mod P + 4096·(c mod 1021)
      const a = tensor(
        Float32Array.from({ length: 2 * m }, (_, k) => (k % 2 === 0 ? (k / 2) % P : 1)),
        [m, 2],
      );
      const b = tensor(
        Float32Array.from({ length: 2 * n }, (_, k) => (k < n ? 1 : 4096 * ((k - n) % 1021))),
        [2, n],
      );
      const expected = (k: number) => (Math.floor(k / n) % P) + 4096 * ((k % n) % 1021);
      expect(firstMismatch(matMul(a, b), expected)).toBe(-1);
      // a large operand: a [m, n] (flat index mod P) times the last unit vector picks column n − 1
      const big = tensor(x.subarray(0, m * n), [m, n]);
      const unit = tensor(
        Float32Array.from({ length: n }, (_, k) => (k === n - 1 ? 1 : 0)),
        [n, 1],
      );
      expect(firstMismatch(matMul(big, unit), (r) => (r * n + n - 1) % P)).toBe(-1);
    });
  });

  it("sum and logSoftmax over axis 0 of [3,N]; gather [N,3] rows reversed; oneHot of N indices, depth 3", () => {
    tidy(() => {
      const a = tensor(x, [3, N]);
      // per column c: the sum and logΣexp of x[c], x[N + c], x[2N + c]
      const sums = new Float64Array(N);
      const shifts = new Float64Array(N);
      for (let c = 0; c < N; c++) {
        const v = [c % P, (N + c) % P, (2 * N + c) % P] as const;
        const m = Math.max(v[0], v[1], v[2]);
        sums[c] = v[0] + v[1] + v[2];
        shifts[c] = m + Math.log(Math.exp(v[0] - m) + Math.exp(v[1] - m) + Math.exp(v[2] - m));
      }
      expect(firstMismatch(sum(a, 0), (c) => sums[c] as number)).toBe(-1);
      // logSoftmax[r, c] = x[r, c] − log Σ_r' exp(x[r', c]); a neighbour column's shift is off by ~1
      expect(
        firstMismatch(logSoftmax(a, 0), (k) => (k % P) - (shifts[k % N] as number), 1e-2),
      ).toBe(-1);
      const reversed = tensor(
        Int32Array.from({ length: N }, (_, r) => N - 1 - r),
        [N],
        "int32",
      );
      // out[r, c] = x[N − 1 − r, c]
      const rows = gather(tensor(x, [N, 3]), reversed, 0);
      expect(firstMismatch(rows, (k) => ((N - 1 - Math.floor(k / 3)) * 3 + (k % 3)) % P)).toBe(-1);
      // out[r, k] = [r mod 3 = k]
      const hot = oneHot(
        tensor(
          Int32Array.from({ length: N }, (_, r) => r % 3),
          [N],
          "int32",
        ),
        3,
      );
      expect(firstMismatch(hot, (k) => (Math.floor(k / 3) % 3 === k % 3 ? 1 : 0))).toBe(-1);
    });
  });
});
