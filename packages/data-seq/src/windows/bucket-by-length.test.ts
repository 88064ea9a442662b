import { RnnkitError } from "@rnnkit/core-tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bucketByLength } from "./bucket-by-length.js";
import { padSequences } from "./pad-sequences.js";

const lengthsOf = (sequences: number[][], batch: number[]): number[] =>
  batch.map((i) => sequences[i]?.length as number);

describe("bucketByLength", () => {
  it("batches sequences of similar length, shortest first without a seed", () => {
    expect(bucketByLength([[1, 2, 3], [4], [5, 6, 7], [8]], { batchSize: 2 })).toEqual([
      [1, 3],
      [0, 2],
    ]);
  });

  it("uses every index once, and batches never overlap in length", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer(), { maxLength: 30 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
        (sequences, batchSize, seed) => {
          const batches = bucketByLength(sequences, { batchSize, shuffle: seed });
          const all = batches.flat().sort((a, b) => a - b);
          expect(all).toEqual(sequences.map((_, i) => i));
          expect(batches.filter((b) => b.length !== batchSize).length).toBeLessThanOrEqual(1);
          // sorted by their shortest member, each batch ends at or below where the next begins
          const ranges = batches
            .map((b) => lengthsOf(sequences, b))
            .map((l) => [Math.min(...l), Math.max(...l)] as const)
            .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          for (let i = 1; i < ranges.length; i++) {
            expect((ranges[i - 1] as readonly number[])[1]).toBeLessThanOrEqual(
              (ranges[i] as readonly number[])[0] as number,
            );
          }
          if (seed !== undefined)
            expect(bucketByLength(sequences, { batchSize, shuffle: seed })).toEqual(batches);
        },
      ),
    );
  });

  it("pads less than batching in input order", () => {
    const sequences = Array.from({ length: 64 }, (_, i) => new Array(1 + ((i * 37) % 50)).fill(7));
    const padding = (batches: number[][]): number =>
      batches.reduce((total, batch) => {
        const { mask } = padSequences(batch.map((i) => sequences[i] as number[]));
        return total + mask.flat().filter((m) => m === 0).length;
      }, 0);
    const inOrder = Array.from({ length: 8 }, (_, b) =>
      Array.from({ length: 8 }, (_, j) => b * 8 + j),
    );
    expect(padding(bucketByLength(sequences, { batchSize: 8, shuffle: 3 }))).toBeLessThan(
      padding(inOrder) / 4,
    );
  });

  it("drops the short batch when asked; rejects bad input", () => {
    expect(bucketByLength([[1], [2], [3]], { batchSize: 2, dropLast: true })).toEqual([[0, 1]]);
    expect(() => bucketByLength([], { batchSize: 2 })).toThrow(RnnkitError);
    expect(() => bucketByLength([], { batchSize: 2 })).toThrow(
      /bucketByLength: no sequences given/,
    );
    expect(() => bucketByLength([[1]], { batchSize: 2, dropLast: true })).toThrow(
      /batch of 2 is larger than the 1 sequences and dropLast leaves nothing/,
    );
  });
});
