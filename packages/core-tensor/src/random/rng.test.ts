import { describe, expect, it } from "vitest";
import { getGlobalRng, Rng, setSeed } from "./rng.js";

function draw(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.nextUint32());
}

describe("rng: Rng", () => {
  it("repeats the same sequence for the same seed", () => {
    expect(draw(new Rng(7), 100)).toEqual(draw(new Rng(7), 100));
  });

  it("gives different sequences for different seeds", () => {
    const a = draw(new Rng(1), 20);
    const b = draw(new Rng(2), 20);
    const same = a.filter((v, i) => v === b[i]).length;
    expect(same).toBe(0);
    // 0 and 2^32 (which >>> 0 maps to 0) are different seeds only in the caller's eyes
    expect(draw(new Rng(0), 5)).not.toEqual(draw(new Rng(1), 5));
  });

  it("uses seed 42 by default", () => {
    expect(draw(new Rng(), 10)).toEqual(draw(new Rng(42), 10));
  });

  it("returns 32-bit unsigned integers and next() in [0, 1)", () => {
    const rng = new Rng(3);
    for (let i = 0; i < 1000; i++) {
      const u = rng.nextUint32();
      expect(Number.isInteger(u) && u >= 0 && u < 2 ** 32).toBe(true);
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it("resumes exactly from getState/setState", () => {
    const rng = new Rng(99);
    draw(rng, 37);
    const state = rng.getState();
    expect(state).toHaveLength(4);
    const expected = [...draw(rng, 10), rng.next(), rng.nextNormal(), rng.nextInt(17)];
    // restoring into another generator (other seed, other position) continues identically
    const other = new Rng(5);
    draw(other, 3);
    other.setState(state);
    expect([...draw(other, 10), other.next(), other.nextNormal(), other.nextInt(17)]).toEqual(
      expected,
    );
    // the state is a plain copy: mutating it does not touch the generator
    state[0] = 0;
    expect(rng.getState()[0]).not.toBe(0);
  });

  it("survives a JSON round trip of its state (checkpointing)", () => {
    const rng = new Rng(2024);
    draw(rng, 5);
    const saved = JSON.parse(JSON.stringify(rng.getState())) as number[];
    const expected = draw(rng, 8);
    const restored = new Rng();
    restored.setState(saved);
    expect(draw(restored, 8)).toEqual(expected);
  });

  it("rejects a malformed state", () => {
    const rng = new Rng(1);
    expect(() => rng.setState([1, 2, 3])).toThrow(/Rng\.setState: expected four 32-bit integers/);
    expect(() => rng.setState([1, 2, 3, 0.5])).toThrow(TypeError);
  });

  it("nextInt(n) covers [0, n) roughly uniformly", () => {
    const rng = new Rng(11);
    const n = 10;
    const draws = 100_000;
    const counts = new Array<number>(n).fill(0);
    let outside = 0;
    for (let i = 0; i < draws; i++) {
      const k = rng.nextInt(n);
      if (Number.isInteger(k) && k >= 0 && k < n) counts[k] = (counts[k] as number) + 1;
      else outside++;
    }
    expect(outside).toBe(0);
    // chi-square with 9 degrees of freedom: P(chi2 > 27.9) ≈ 0.001
    const expected = draws / n;
    const chi2 = counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(27.9);
  });

  it("next() has mean 1/2 and variance 1/12", () => {
    const rng = new Rng(5);
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.next();
      s += x;
      s2 += x * x;
    }
    const mean = s / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(s2 / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it("nextNormal() has mean ≈ 0 and std ≈ 1 over 1e5 samples", () => {
    const rng = new Rng(123);
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    let within1 = 0;
    let nonFinite = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.nextNormal();
      if (!Number.isFinite(z)) nonFinite++;
      s += z;
      s2 += z * z;
      if (Math.abs(z) < 1) within1++;
    }
    expect(nonFinite).toBe(0);
    const mean = s / n;
    const std = Math.sqrt(s2 / n - mean * mean);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(std - 1)).toBeLessThan(0.02);
    // P(|z| < 1) = erf(1/√2) ≈ 0.6827 for a standard normal
    expect(Math.abs(within1 / n - 0.6827)).toBeLessThan(0.01);
  });
});

describe("rng: global generator", () => {
  it("setSeed reseeds the generator random ops use", () => {
    setSeed(77);
    const a = draw(getGlobalRng(), 5);
    setSeed(77);
    expect(draw(getGlobalRng(), 5)).toEqual(a);
    expect(a).toEqual(draw(new Rng(77), 5));
  });
});
