import { Rng } from "@rnnkit/core-tensor";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cpuThreads, cpuWasm, setCpuThreads, whenCpuThreadsReady } from "./cpu-wasm.js";
import { gemmWasm, THREAD_WORK } from "./gemm-wasm.js";
import { lstmSequenceGradWasm, lstmSequenceWasm } from "./lstm-sequence-wasm.js";

function random(size: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: size }, () => rng.next() * 2 - 1);
}

/** C = op(A)·op(B) (+ start when given) through the WebAssembly GEMM on `threads` threads. */
function product(
  threads: number,
  a: Float32Array,
  b: Float32Array,
  [m, k, n]: readonly [number, number, number],
  transposeA: boolean,
  transposeB: boolean,
  start?: Float32Array,
): Float32Array {
  setCpuThreads(threads);
  const out = start === undefined ? new Float32Array(m * n).fill(Number.NaN) : start.slice();
  expect(gemmWasm(a, b, m, k, n, transposeA, transposeB, out, 0, 0, 0, start !== undefined)).toBe(
    true,
  );
  return out;
}

/** Index of the first element whose bits differ (−1: none; NaN bits compare too). */
function firstDifference(x: Float32Array, y: Float32Array): number {
  expect(x.length).toBe(y.length);
  const xs = new Uint32Array(x.buffer, x.byteOffset, x.length);
  const ys = new Uint32Array(y.buffer, y.byteOffset, y.length);
  for (let i = 0; i < xs.length; i++) if (xs[i] !== ys[i]) return i;
  return -1;
}

const FLAGS = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;

describe("WebAssembly GEMM on two threads", () => {
  beforeAll(async () => {
    setCpuThreads(2);
    expect(await whenCpuThreadsReady()).toBe(2);
  });
  afterAll(() => {
    setCpuThreads(2);
  });

  it("runs here (worker_threads and shared memory) and can be set to one thread", () => {
    setCpuThreads(2);
    expect(cpuThreads()).toBe(2);
    expect(cpuWasm()?.gemm.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    setCpuThreads(1);
    expect(cpuThreads()).toBe(1);
    expect(cpuWasm()?.threads).toBeNull();
    expect(() => setCpuThreads(0)).toThrow(RangeError);
    expect(() => setCpuThreads(1.5)).toThrow(RangeError);
  });

  for (const [value, expected] of [
    ["1", 1],
    ["3", 3],
  ] as const) {
    it(`uses ${expected} thread(s) with RNNKIT_CPU_THREADS=${value} at load`, async () => {
      vi.resetModules();
      vi.stubEnv("RNNKIT_CPU_THREADS", value);
      try {
        const fresh = await import("./cpu-wasm.js");
        expect(fresh.cpuThreads()).toBe(expected);
        expect(await fresh.whenCpuThreadsReady()).toBe(expected);
        fresh.setCpuThreads(1); // stops the workers of this copy
      } finally {
        vi.unstubAllEnvs();
        vi.resetModules();
      }
    });
  }

  it("stays on one thread, with the plain modules, where worker_threads is missing", async () => {
    vi.resetModules();
    vi.stubEnv("RNNKIT_CPU_THREADS", "2");
    const spy = vi.spyOn(process, "getBuiltinModule").mockReturnValue(undefined as never);
    try {
      const fresh = await import("./cpu-wasm.js");
      expect(fresh.isCpuWasmSupported()).toBe(true);
      expect(fresh.cpuThreads()).toBe(1);
      const wasm = fresh.cpuWasm();
      expect(wasm?.threads).toBeNull();
      expect(wasm?.gemm.memory.buffer).toBeInstanceOf(ArrayBuffer);
    } finally {
      spy.mockRestore();
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });

  const rng = new Rng(23);
  // all above THREAD_WORK: square-ish and odd (row chunks), wide (column chunks), thin, deep
  const shapes: [number, number, number][] = [
    [257, 131, 333],
    [130, 270, 129],
    [2048, 128, 65],
    [20, 512, 1030],
    [512, 2048, 128],
    [33, 4100, 37],
  ];
  for (const dims of shapes) {
    const [m, k, n] = dims;
    for (const [transposeA, transposeB] of FLAGS) {
      it(`[${m},${k}]·[${k},${n}] transposeA=${transposeA} transposeB=${transposeB}: 2 threads = 1 thread, bit for bit`, async () => {
        expect(m * k * n).toBeGreaterThanOrEqual(THREAD_WORK);
        const a = random(m * k, rng);
        const b = random(k * n, rng);
        const start = random(m * n, rng);
        const one = product(1, a, b, dims, transposeA, transposeB);
        const oneAccumulated = product(1, a, b, dims, transposeA, transposeB, start);
        setCpuThreads(2);
        await whenCpuThreadsReady();
        const pool = cpuWasm()?.threads;
        expect(pool).toBeTruthy();
        const before = pool?.products ?? 0;
        expect(firstDifference(product(2, a, b, dims, transposeA, transposeB), one)).toBe(-1);
        expect(
          firstDifference(product(2, a, b, dims, transposeA, transposeB, start), oneAccumulated),
        ).toBe(-1);
        // both went through the threads
        expect(pool?.products).toBe(before + 2);
      });
    }
  }

  it("the worker alone computes every chunk bit for bit", async () => {
    const dims = [300, 200, 170] as const;
    const a = random(300 * 200, rng);
    const b = random(200 * 170, rng);
    const start = random(300 * 170, rng);
    for (const [transposeA, transposeB] of FLAGS) {
      const one = product(1, a, b, dims, transposeA, transposeB, start);
      setCpuThreads(2);
      await whenCpuThreadsReady();
      const pool = cpuWasm()?.threads;
      if (!pool) throw new Error("no threads");
      pool.workersOnly = true;
      try {
        expect(firstDifference(product(2, a, b, dims, transposeA, transposeB, start), one)).toBe(
          -1,
        );
      } finally {
        pool.workersOnly = false;
      }
    }
  });

  it("an LSTM sequence's forward and backward (T·B = 2048 rows in dW_hh) are the same bit for bit", async () => {
    const [B, T, H] = [32, 64, 128];
    const G = 4 * H;
    const f32 = (size: number, scale: number) =>
      Float32Array.from({ length: size }, () => (rng.next() * 2 - 1) * scale);
    const x = f32(B * T * G, 1.5);
    const h0 = f32(B * H, 1);
    const c0 = f32(B * H, 2);
    const w = f32(G * H, 0.2);
    const dhSeq = f32(B * T * H, 1);
    const dhN = f32(B * H, 1);
    const dcN = f32(B * H, 1);
    const run = (threads: number) => {
      setCpuThreads(threads);
      const forward = lstmSequenceWasm(x, h0, c0, w, B, T, H, false);
      if (forward === undefined) throw new Error("no WebAssembly");
      const { gates, cSeq, hSeq } = forward;
      const arrays = { dhSeq, dhN, dcN, gates, cSeq, hSeq, h0, c0, weightHh: w };
      const backward = lstmSequenceGradWasm(arrays, B, T, H, false);
      if (backward === undefined) throw new Error("no WebAssembly");
      return { ...forward, ...backward };
    };
    const one = run(1);
    setCpuThreads(2);
    await whenCpuThreadsReady();
    const before = cpuWasm()?.threads?.products ?? 0;
    const two = run(2);
    expect(cpuWasm()?.threads?.products).toBeGreaterThan(before);
    for (const key of Object.keys(one) as (keyof typeof one)[]) {
      expect(firstDifference(two[key], one[key]), key).toBe(-1);
    }
  });

  it("small products stay on the main thread", async () => {
    setCpuThreads(2);
    await whenCpuThreadsReady();
    const pool = cpuWasm()?.threads;
    const before = pool?.products;
    const [m, k, n] = [32, 128, 512]; // one step of an LSTM H=128, B=32
    expect(m * k * n).toBeLessThan(THREAD_WORK);
    product(2, random(m * k, rng), random(k * n, rng), [m, k, n], false, true);
    expect(pool?.products).toBe(before);
  });
});
