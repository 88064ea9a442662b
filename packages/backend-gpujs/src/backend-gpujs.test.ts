import {
  add,
  lstmSequence,
  matMul,
  memory,
  mul,
  setBackend,
  softmax,
  sum,
  type Tensor,
  tanh,
  tensor,
  tidy,
  valueAndGrads,
} from "@rnnkit/core-tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GpujsBackend } from "./backend-gpujs.js";
import { resolveGpujsMode } from "./gpujs-mode.js";
import { registerGpujsBackend } from "./register.js";

describe("mode selection", () => {
  it("takes the option, else RNNKIT_GPUJS_MODE, else webasm", () => {
    const saved = process.env.RNNKIT_GPUJS_MODE;
    try {
      delete process.env.RNNKIT_GPUJS_MODE;
      expect(resolveGpujsMode()).toBe("webasm");
      process.env.RNNKIT_GPUJS_MODE = "cpu";
      expect(resolveGpujsMode()).toBe("cpu");
      expect(resolveGpujsMode("webgpu")).toBe("webgpu");
    } finally {
      if (saved === undefined) delete process.env.RNNKIT_GPUJS_MODE;
      else process.env.RNNKIT_GPUJS_MODE = saved;
    }
  });

  it("rejects an unknown mode by name", () => {
    expect(() => resolveGpujsMode("gpu")).toThrow(
      'gpujs backend: the mode option is "gpu"; expected one of webgpu, webgl2, webgl, headlessgl, webasm, cpu',
    );
  });

  it("throws for a mode that cannot run here instead of degrading", () => {
    // no browser in Node: gpu.js would fall back, backend-gpujs refuses
    expect(() => registerGpujsBackend({ mode: "webgl2" })).toThrow(/mode "webgl2" is unavailable/);
  });
});

// One block per mode CI runs: the same checks on WebAssembly, on WebGPU (Dawn on Mesa here) and
// on gpu.js's cpu mode.
describe.each(["webasm", "webgpu", "cpu"] as const)("gpujs in %s mode", (mode) => {
  let backend: GpujsBackend;
  beforeAll(() => {
    backend = registerGpujsBackend({ mode });
    setBackend("gpujs");
  });
  afterAll(() => setBackend("gpujs"));

  it("reports the mode that runs", () => {
    expect(backend.mode).toBe(mode);
  });

  it("loops past 1000 iterations (bounds are constants, not capped)", () => {
    setBackend("gpujs");
    tidy(() => {
      const n = 3000;
      expect(sum(tensor(new Float32Array(n).fill(1), [n])).dataSync()[0]).toBe(n);
      // K = 1500: a [2,1500]·[1500,2] product of ones and twos
      const a = tensor(new Float32Array(2 * 1500).fill(1), [2, 1500]);
      const b = tensor(new Float32Array(1500 * 2).fill(2), [1500, 2]);
      expect([...matMul(a, b).dataSync()]).toEqual([3000, 3000, 3000, 3000]);
    });
  });

  it("keeps every output: a second call of the same kernel does not overwrite the first", () => {
    setBackend("gpujs");
    tidy(() => {
      const first = add(tensor([1, 2, 3]), tensor([10, 20, 30]));
      const second = add(tensor([4, 5, 6]), tensor([40, 50, 60]));
      const third = add(first, second);
      expect([...first.dataSync()]).toEqual([11, 22, 33]);
      expect([...second.dataSync()]).toEqual([44, 55, 66]);
      expect([...third.dataSync()]).toEqual([55, 77, 99]);
    });
  });

  it("compiles each kernel once per shape", () => {
    setBackend("gpujs");
    tidy(() => {
      mul(tensor([1, 2, 3, 4], [2, 2]), tensor([5, 6], [2]));
      const compiled = backend.kernelCount();
      mul(tensor([7, 8, 9, 10], [2, 2]), tensor([1, 2], [2]));
      expect(backend.kernelCount()).toBe(compiled);
      mul(tensor([1, 2, 3], [3]), tensor([4, 5, 6], [3]));
      expect(backend.kernelCount()).toBe(compiled + 1);
    });
  });

  it("is finite for huge inputs to tanh and softmax", () => {
    setBackend("gpujs");
    tidy(() => {
      expect([...tanh(tensor([-1000, 0, 1000])).dataSync()]).toEqual([-1, 0, 1]);
      const p = softmax(tensor([[1000, 0, -1000]])).dataSync();
      expect(p[0]).toBe(1);
      expect(p[2]).toBe(0);
    });
  });

  it("runs an LSTM sequence in T + 3 launches and two copy batches, its gradient leaking nothing", () => {
    setBackend("gpujs");
    const [B, T, H] = [2, 5, 3];
    const values = (n: number, scale: number) =>
      Array.from({ length: n }, (_, k) => Math.sin(k * 1.7 + scale) * scale);
    const xProj = tensor(values(B * T * 4 * H, 0.9), [B, T, 4 * H]);
    const h0 = tensor(values(B * H, 0.3), [B, H]);
    const c0 = tensor(values(B * H, 0.4), [B, H]);
    const w = tensor(values(4 * H * H, 0.5), [4 * H, H]);
    const before = backend.launchCounts();
    const hN = tidy(() => lstmSequence(xProj, h0, c0, w).h);
    const after = backend.launchCounts();
    expect(after.launches - before.launches).toBe(T + 3);
    expect(after.gathers - before.gathers).toBe(2);
    expect(hN.dataSync().every(Number.isFinite)).toBe(true);
    hN.dispose();
    const buffers = backend.device.bufferCount();
    const grad = valueAndGrads((x, h, c, weight) => sum(lstmSequence(x, h, c, weight).output));
    for (let i = 0; i < 2; i++) {
      tidy(() => grad([xProj, h0, c0, w]).grads.map((g) => g.dataSync()));
    }
    expect(backend.device.bufferCount()).toBe(buffers);
    for (const t of [xProj, h0, c0, w]) t.dispose();
  });

  it("leaks no handle over 1,000 training-like steps", () => {
    setBackend("gpujs");
    const w = tensor([
      [0.5, -0.25],
      [0.125, 0.75],
    ]);
    let h = tensor([[0.1, -0.2]]);
    const step = valueAndGrads((x, weight) => sum(tanh(matMul(x, weight))));
    const counts = (): [number, number, number] => [
      memory().numTensors,
      backend.memory().numDataIds,
      backend.device.bufferCount(),
    ];
    let start: [number, number, number] = [0, 0, 0];
    for (let i = 0; i < 1000; i++) {
      const next = tidy(() => {
        const { grads } = step([h, w]);
        return tanh(add(h, mul(grads[0] as Tensor, 0.01)));
      });
      h.dispose();
      h = next;
      if (i === 9) start = counts();
    }
    expect(counts()).toEqual(start);
    expect(Number.isFinite(h.dataSync()[0])).toBe(true);
    h.dispose();
    w.dispose();
  });
});
