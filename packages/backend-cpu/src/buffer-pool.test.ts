import { add, dispose, fill, tensor, tidy } from "@rnnkit/core-tensor";
import { afterEach, describe, expect, it } from "vitest";
import { CpuBackend } from "./backend-cpu.js";
import { allocate, clearCpuPool, cpuPoolStats, setCpuPoolLimit } from "./buffer-pool.js";
import { registerCpuBackend } from "./register.js";

registerCpuBackend();
const N = 20_000; // 80 KB of float32: above the pool's minimum size

afterEach(() => {
  setCpuPoolLimit(256 * 2 ** 20);
  clearCpuPool();
});

describe("CPU buffer pool", () => {
  it("recycles the array of a released tensor, zeroed, for the next allocation of that size", () => {
    clearCpuPool();
    const backend = new CpuBackend();
    const values = allocate("float32", N);
    values.fill(7);
    const id = backend.adopt(values);
    backend.disposeData(id);
    expect(cpuPoolStats().bytes).toBe(4 * N);
    const again = allocate("float32", N);
    expect(again).toBe(values);
    expect(again.every((v) => v === 0)).toBe(true);
    expect(cpuPoolStats().bytes).toBe(0);
  });

  it("never recycles an array that readSync handed out", () => {
    clearCpuPool();
    const backend = new CpuBackend();
    const id = backend.adopt(allocate("float32", N).fill(3.5));
    const read = backend.readSync(id);
    backend.disposeData(id);
    expect(cpuPoolStats().bytes).toBe(0);
    expect(allocate("float32", N)).not.toBe(read);
    expect(read.every((v) => v === 3.5)).toBe(true);
  });

  it("dataSync values survive dispose and later kernels of the same size", () => {
    const a = fill([N], 1.5);
    const b = fill([N], 2);
    const sum = add(a, b);
    const read = sum.dataSync();
    dispose(sum);
    tidy(() => {
      for (let i = 0; i < 4; i++) add(a, a);
    });
    expect(read.every((v) => v === 3.5)).toBe(true);
    dispose([a, b]);
  });

  it("waits for the last handle on a shared buffer", () => {
    clearCpuPool();
    const backend = new CpuBackend();
    const values = allocate("float32", N);
    const first = backend.adopt(values);
    const second = backend.adopt(values);
    backend.disposeData(first);
    expect(cpuPoolStats().bytes).toBe(0);
    expect(allocate("float32", N)).not.toBe(values);
    backend.disposeData(second);
    expect(cpuPoolStats().bytes).toBe(4 * N);
  });

  it("takes neither views nor small arrays, and nothing at limit 0", () => {
    clearCpuPool();
    const backend = new CpuBackend();
    const big = allocate("float32", 2 * N);
    backend.disposeData(backend.adopt(big.subarray(N)));
    backend.disposeData(backend.adopt(allocate("float32", 16)));
    expect(cpuPoolStats().bytes).toBe(0);
    setCpuPoolLimit(0);
    backend.disposeData(backend.adopt(allocate("float64", N)));
    expect(cpuPoolStats().bytes).toBe(0);
  });

  it("a training-like loop reuses buffers and gives the same results as fresh arrays", () => {
    const run = () => {
      const x = tensor(
        Array.from({ length: N }, (_, i) => Math.sin(i)),
        [N],
      );
      let acc = 0;
      for (let step = 0; step < 5; step++) {
        acc += tidy(() => add(add(x, x), fill([N], step)).dataSync()[N - 1] as number);
      }
      x.dispose();
      return acc;
    };
    setCpuPoolLimit(0);
    const plain = run();
    setCpuPoolLimit(256 * 2 ** 20);
    const before = cpuPoolStats().reused;
    expect(run()).toBe(plain);
    expect(cpuPoolStats().reused).toBeGreaterThan(before);
  });
});
