import { Rng } from "@rnnkit/core-tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sampleFromLogits } from "./sample-from-logits.js";

const fixed = (u: number) => ({ next: () => u });

describe("sampleFromLogits", () => {
  it("returns the first index whose cumulative probability passes u", () => {
    const logits = [0, Math.log(3)]; // p = [0.25, 0.75]
    expect(sampleFromLogits(logits, { rng: fixed(0) })).toBe(0);
    expect(sampleFromLogits(logits, { rng: fixed(0.2499) })).toBe(0);
    expect(sampleFromLogits(logits, { rng: fixed(0.25) })).toBe(1);
    expect(sampleFromLogits(logits, { rng: fixed(0.999999) })).toBe(1);
  });

  it("never draws a symbol cut by top-k or top-p", () => {
    // p = [.1 .2 .3 .4]: top-2 keeps {2, 3}; u = 0 picks the first kept one
    const logits = [0.1, 0.2, 0.3, 0.4].map(Math.log);
    expect(sampleFromLogits(logits, { topK: 2, rng: fixed(0) })).toBe(2);
    expect(sampleFromLogits(logits, { topP: 0.4, rng: fixed(0) })).toBe(3);
    const rng = new Rng(5);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(sampleFromLogits(logits, { topK: 2, rng }));
    expect([...seen].sort()).toEqual([2, 3]);
    seen.clear();
    // mass from the top: .4, .7 ≥ 0.65 → {3, 2}
    for (let i = 0; i < 2000; i++) seen.add(sampleFromLogits(logits, { topP: 0.65, rng }));
    expect([...seen].sort()).toEqual([2, 3]);
  });

  it("draws with the softmax frequencies", () => {
    const rng = new Rng(11);
    const p = [0.5, 0.3, 0.2];
    const counts = [0, 0, 0];
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const k = sampleFromLogits(p.map(Math.log), { rng });
      counts[k] = (counts[k] as number) + 1;
    }
    // σ of a frequency ≤ √(0.25 / n) ≈ 0.0035
    counts.forEach((c, k) => {
      expect(Math.abs(c / n - (p[k] as number))).toBeLessThan(0.015);
    });
  });

  it("temperature 0 is greedy, and a tiny temperature agrees with it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 1000 }),
        (ints, seed) => {
          const logits = ints.map((v) => v / 10); // distinct enough: gaps ≥ 0.1 or exact ties
          const greedy = logits.indexOf(Math.max(...logits));
          expect(sampleFromLogits(logits, { temperature: 0 })).toBe(greedy);
          expect(sampleFromLogits(logits, { topK: 1, rng: seed })).toBe(greedy);
          const unique = logits.filter((v) => v === logits[greedy]).length === 1;
          if (unique)
            expect(sampleFromLogits(logits, { temperature: 1e-4, rng: seed })).toBe(greedy);
        },
      ),
    );
  });

  it("same seed → same draws, different seeds → different draws", () => {
    const logits = new Array(10).fill(0);
    const draw = (seed: number): number[] => {
      const rng = new Rng(seed);
      return Array.from({ length: 40 }, () => sampleFromLogits(logits, { rng }));
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
    // a plain seed is a fresh generator each call
    expect(sampleFromLogits(logits, { rng: 9 })).toBe(sampleFromLogits(logits, { rng: 9 }));
  });
});
