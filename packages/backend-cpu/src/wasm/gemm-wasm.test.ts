import { matMul, Rng, tensor, tidy } from "@rnnkit/core-tensor";
import { afterEach, describe, expect, it, vi } from "vitest";
import { matMulImpl } from "../kernels/linalg/mat-mul.js";
import { registerCpuBackend } from "../register.js";
import { isCpuWasmEnabled, isCpuWasmSupported, setCpuWasmEnabled } from "./cpu-wasm.js";

registerCpuBackend();

/** float64 reference on A stored [m,k] (or [k,m]) and B stored [k,n] (or [n,k]). */
function naive(
  a: Float32Array,
  b: Float32Array,
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

function random(size: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: size }, () => rng.next() * 2 - 1);
}

function worstError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs((actual[i] as number) - (expected[i] as number));
    worst = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(worst, d);
  }
  return worst;
}

/** Runs matMulImpl on float32 arrays with the WebAssembly GEMM on or off. */
function product(
  wasm: boolean,
  a: Float32Array,
  b: Float32Array,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
): Float32Array {
  setCpuWasmEnabled(wasm);
  const out = new Float32Array(m * n).fill(Number.NaN);
  matMulImpl(a, b, m, k, n, transposeA, transposeB, out);
  return out;
}

// float32 sums of k terms in [-1, 1]: each rounding adds at most 2⁻²⁴ · |partial sum| ≤ 2⁻²⁴ · k
const tolerance = (k: number): number => 1.2e-7 * k * Math.sqrt(k) + 1e-6;

const FLAGS = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;

afterEach(() => {
  setCpuWasmEnabled(true);
});

describe("WebAssembly SIMD GEMM", () => {
  it("runs in this Node (WebAssembly SIMD is available) and can be switched off", () => {
    expect(isCpuWasmSupported()).toBe(true);
    setCpuWasmEnabled(true);
    expect(isCpuWasmEnabled()).toBe(true);
    setCpuWasmEnabled(false);
    expect(isCpuWasmEnabled()).toBe(false);
  });

  for (const [value, on] of [
    [undefined, true],
    ["1", true],
    ["0", false],
    ["off", false],
  ] as const) {
    it(`is ${on ? "on" : "off"} at load with RNNKIT_CPU_WASM=${value ?? "(unset)"}`, async () => {
      vi.resetModules();
      if (value === undefined) vi.stubEnv("RNNKIT_CPU_WASM", undefined);
      else vi.stubEnv("RNNKIT_CPU_WASM", value);
      try {
        const fresh = await import("./cpu-wasm.js");
        expect(fresh.isCpuWasmSupported()).toBe(true);
        expect(fresh.isCpuWasmEnabled()).toBe(on);
        expect(fresh.cpuWasm() === null).toBe(!on);
      } finally {
        vi.unstubAllEnvs();
        vi.resetModules();
      }
    });
  }

  const rng = new Rng(11);
  // Around the micro-tile (4×8), the few-rows path (m < 4), MC (128), KC (256) and NC (1024).
  const shapes: [number, number, number][] = [
    [1, 1, 512],
    [1, 5, 7],
    [1, 128, 65],
    [2, 33, 17],
    [3, 9, 40],
    [4, 8, 8],
    [5, 7, 9],
    [13, 9, 10],
    [32, 128, 512],
    [65, 17, 66],
    [130, 270, 9],
    [129, 257, 31],
    [9, 20, 1030],
  ];
  for (const [m, k, n] of shapes) {
    for (const [transposeA, transposeB] of FLAGS) {
      it(`[${m},${k}]·[${k},${n}] transposeA=${transposeA} transposeB=${transposeB}: wasm ≈ TypeScript ≈ float64`, () => {
        const a = random(m * k, rng);
        const b = random(k * n, rng);
        const expected = naive(a, b, m, k, n, transposeA, transposeB);
        const wasm = product(true, a, b, m, k, n, transposeA, transposeB);
        const typescript = product(false, a, b, m, k, n, transposeA, transposeB);
        expect(worstError(wasm, expected)).toBeLessThanOrEqual(tolerance(k));
        expect(worstError(typescript, expected)).toBeLessThanOrEqual(tolerance(k));
        expect(worstError(wasm, typescript)).toBeLessThanOrEqual(2 * tolerance(k));
      });
    }
  }

  it("sums in float32 (the results differ from the float64-summed TypeScript path)", () => {
    const [m, k, n] = [16, 1000, 16];
    const a = random(m * k, rng);
    const b = random(k * n, rng);
    const wasm = product(true, a, b, m, k, n, false, false);
    const typescript = product(false, a, b, m, k, n, false, false);
    expect(worstError(wasm, typescript)).toBeGreaterThan(0);
    expect(worstError(wasm, naive(a, b, m, k, n, false, false))).toBeLessThanOrEqual(tolerance(k));
  });

  for (const [m, k, n] of [
    [1, 40, 30],
    [3, 40, 30],
    [20, 30, 12],
    [37, 300, 45],
  ] as const) {
    for (const [transposeA, transposeB] of FLAGS) {
      it(`[${m},${k}]·[${k},${n}] transposeA=${transposeA} transposeB=${transposeB} at offsets, accumulating`, () => {
        const a = random(2 + m * k, rng);
        const b = random(3 + k * n, rng);
        const start = random(4 + m * n + 5, rng);
        const expected = naive(a.subarray(2), b.subarray(3), m, k, n, transposeA, transposeB);
        for (const wasm of [true, false]) {
          setCpuWasmEnabled(wasm);
          const out = start.slice();
          matMulImpl(a, b, m, k, n, transposeA, transposeB, out, {
            aOffset: 2,
            bOffset: 3,
            outOffset: 4,
            accumulate: true,
          });
          // untouched outside [4, 4 + m·n)
          expect([...out.subarray(0, 4)]).toEqual([...start.subarray(0, 4)]);
          expect([...out.subarray(4 + m * n)]).toEqual([...start.subarray(4 + m * n)]);
          const withStart = expected.map((v, i) => v + (start[4 + i] as number));
          expect(worstError(out.subarray(4, 4 + m * n), withStart)).toBeLessThanOrEqual(
            tolerance(k) + 1e-6,
          );
          // overwrite at the same offsets
          matMulImpl(a, b, m, k, n, transposeA, transposeB, out, {
            aOffset: 2,
            bOffset: 3,
            outOffset: 4,
          });
          expect(worstError(out.subarray(4, 4 + m * n), expected)).toBeLessThanOrEqual(
            tolerance(k),
          );
        }
      });
    }
  }

  it("stays correct after its memory grows (a large product between two small ones)", () => {
    const small = (): void => {
      const a = random(6 * 7, rng);
      const b = random(7 * 9, rng);
      const out = product(true, a, b, 6, 7, 9, false, false);
      expect(worstError(out, naive(a, b, 6, 7, 9, false, false))).toBeLessThanOrEqual(tolerance(7));
    };
    small();
    const [m, k, n] = [700, 600, 650]; // 6.6 MB of operands
    const a = random(m * k, rng);
    const b = random(k * n, rng);
    const out = product(true, a, b, m, k, n, false, true);
    // spot-check rows against float64
    for (const i of [0, 351, 699]) {
      for (const j of [0, 7, 649]) {
        let acc = 0;
        for (let p = 0; p < k; p++) acc += (a[i * k + p] as number) * (b[j * k + p] as number);
        expect(Math.abs((out[i * n + j] as number) - acc)).toBeLessThanOrEqual(tolerance(k));
      }
    }
    small();
  });

  it("the MatMul kernel gives the same batched float32 products on both paths", () => {
    const results = [true, false].map((wasm) => {
      setCpuWasmEnabled(wasm);
      const generator = new Rng(5);
      return tidy(() => {
        const a = tensor(random(3 * 2 * 9 * 12, generator), [3, 2, 9, 12]);
        const b = tensor(random(3 * 2 * 12 * 10, generator), [3, 2, 12, 10]);
        const shared = tensor(random(10 * 12, generator), [10, 12]);
        return [
          matMul(a, b).dataSync(),
          matMul(a, shared, false, true).dataSync(),
          matMul(b, a, true, true).dataSync(),
        ];
      });
    });
    const [wasm, typescript] = results as [Float32Array[], Float32Array[]];
    for (let r = 0; r < 3; r++) {
      expect(worstError(wasm[r] as Float32Array, typescript[r] as Float32Array)).toBeLessThan(
        2 * tolerance(12),
      );
    }
  });
});
