import {
  dispose,
  getGlobalRng,
  memory,
  Rng,
  randomNormal,
  randomUniform,
  setSeed,
} from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { registerCpuBackend } from "./register.js";

registerCpuBackend();

function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    s += v;
    s2 += v * v;
  }
  const mean = s / values.length;
  return { mean, std: Math.sqrt(s2 / values.length - mean * mean) };
}

describe("rng: random ops", () => {
  it("randomNormal with an rng is reproducible and draws from that rng", () => {
    const a = randomNormal([3, 4], 0, 1, { rng: new Rng(5), dtype: "float64" });
    const b = randomNormal([3, 4], 0, 1, { rng: new Rng(5), dtype: "float64" });
    const c = randomNormal([3, 4], 0, 1, { rng: new Rng(6), dtype: "float64" });
    expect(a.shape).toEqual([3, 4]);
    expect(a.dtype).toBe("float64");
    expect([...a.dataSync()]).toEqual([...b.dataSync()]);
    expect([...a.dataSync()]).not.toEqual([...c.dataSync()]);
    // sample i is mean + std · rng.nextNormal() in row-major order
    const reference = new Rng(5);
    const expected = Array.from({ length: 12 }, () => reference.nextNormal());
    expect([...a.dataSync()]).toEqual(expected);
    dispose([a, b, c]);
  });

  it("randomNormal applies mean and std", () => {
    const t = randomNormal([100_000], 3, 0.5, { rng: new Rng(17), dtype: "float64" });
    const { mean, std } = meanAndStd(t.dataSync());
    // the standard error of the mean is 0.5/√1e5 ≈ 0.0016
    expect(Math.abs(mean - 3)).toBeLessThan(0.01);
    expect(Math.abs(std - 0.5)).toBeLessThan(0.01);
    t.dispose();
  });

  it("randomUniform with an rng is reproducible and stays in [low, high)", () => {
    const a = randomUniform([1000], -2, 3, { rng: new Rng(8) });
    const b = randomUniform([1000], -2, 3, { rng: new Rng(8) });
    expect(a.dtype).toBe("float32");
    const values = a.dataSync();
    expect([...values]).toEqual([...b.dataSync()]);
    let outside = 0;
    for (const v of values) if (!(v >= -2 && v < 3)) outside++;
    expect(outside).toBe(0);
    const { mean, std } = meanAndStd(values);
    // uniform on [−2, 3): mean 0.5, std 5/√12 ≈ 1.443
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.15);
    expect(Math.abs(std - 5 / Math.sqrt(12))).toBeLessThan(0.1);
    // float64: low + (high − low) · rng.next() exactly
    const reference = new Rng(8);
    const d = randomUniform([4], -2, 3, { rng: new Rng(8), dtype: "float64" });
    expect([...d.dataSync()]).toEqual(Array.from({ length: 4 }, () => -2 + 5 * reference.next()));
    dispose([a, b, d]);
  });

  it("a shared rng continues its sequence across calls, and its state can be restored", () => {
    const rng = new Rng(21);
    const first = randomUniform([5], 0, 1, { rng, dtype: "float64" });
    const state = rng.getState();
    const second = randomUniform([5], 0, 1, { rng, dtype: "float64" });
    expect([...second.dataSync()]).not.toEqual([...first.dataSync()]);
    rng.setState(state);
    const again = randomUniform([5], 0, 1, { rng, dtype: "float64" });
    expect([...again.dataSync()]).toEqual([...second.dataSync()]);
    dispose([first, second, again]);
  });

  it("without an rng, random ops use the global one that setSeed reseeds", () => {
    setSeed(1234);
    const a = randomNormal([6], 0, 1, { dtype: "float64" });
    const u = randomUniform([3], 0, 1, { dtype: "float64" });
    setSeed(1234);
    const b = randomNormal([6], 0, 1, { dtype: "float64" });
    const v = randomUniform([3], 0, 1, { dtype: "float64" });
    expect([...a.dataSync()]).toEqual([...b.dataSync()]);
    expect([...u.dataSync()]).toEqual([...v.dataSync()]);
    const c = randomNormal([6], 0, 1, { rng: new Rng(1234), dtype: "float64" });
    expect([...c.dataSync()]).toEqual([...a.dataSync()]);
    // the global generator advanced by 6 normals (12 draws) and 3 uniforms
    const reference = new Rng(1234);
    for (let i = 0; i < 12 + 3; i++) reference.next();
    expect(getGlobalRng().getState()).toEqual(reference.getState());
    dispose([a, b, c, u, v]);
  });

  it("rejects bad shapes, naming the op, leaking nothing", () => {
    const before = memory();
    expect(() => randomNormal([2, -1])).toThrow(/^randomNormal: /);
    expect(() => randomUniform([1.5])).toThrow(/^randomUniform: /);
    expect(memory()).toEqual(before);
  });
});
