import { Rng } from "@rnnkit/core-tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shuffled } from "./shuffled.js";

describe("shuffled", () => {
  it("is a permutation, leaves the input alone, and repeats for the same seed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { maxLength: 50 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (items, seed) => {
          const copy = [...items];
          const out = shuffled(items, seed);
          expect(items).toEqual(copy);
          expect([...out].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
          expect(shuffled(items, seed)).toEqual(out);
          expect(shuffled(items, new Rng(seed))).toEqual(out);
        },
      ),
    );
  });

  it("different seeds give different orders", () => {
    const items = Array.from({ length: 30 }, (_, i) => i);
    expect(shuffled(items, 1)).not.toEqual(shuffled(items, 2));
    expect(shuffled(items, 1)).not.toEqual(items);
  });

  it("moves every item to every place about equally often", () => {
    // 3 items, 6 permutations, 6000 shuffles: each permutation ≈ 1000 (σ ≈ 29)
    const rng = new Rng(9);
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const key = shuffled(["a", "b", "c"], rng).join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it("rejects a bad seed", () => {
    expect(() => shuffled([1], 0.5)).toThrow(
      /shuffled: expected an Rng or an integer seed, got 0\.5/,
    );
  });
});
