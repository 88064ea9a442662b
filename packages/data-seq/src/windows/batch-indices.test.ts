import { RnnkitError } from "@rnnkit/core-tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batchIndices } from "./batch-indices.js";

describe("batchIndices", () => {
  it("cuts 0..n−1 into batches in order", () => {
    expect(batchIndices(5, { batchSize: 2 })).toEqual([[0, 1], [2, 3], [4]]);
    expect(batchIndices(5, { batchSize: 2, dropLast: true })).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(batchIndices(0, { batchSize: 3 })).toEqual([]);
  });

  it("covers every index once; the same seed gives the same batches", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.boolean(),
        (count, batchSize, seed, dropLast) => {
          fc.pre(!(dropLast && batchSize > count));
          const batches = batchIndices(count, { batchSize, shuffle: seed, dropLast });
          const expectedBatches = dropLast
            ? Math.floor(count / batchSize)
            : Math.ceil(count / batchSize);
          expect(batches).toHaveLength(expectedBatches);
          const seen = batches.flat();
          expect(new Set(seen).size).toBe(seen.length);
          expect(seen.every((i) => Number.isInteger(i) && i >= 0 && i < count)).toBe(true);
          if (!dropLast) expect(seen).toHaveLength(count);
          expect(batches.slice(0, -1).every((b) => b.length === batchSize)).toBe(true);
          expect(batchIndices(count, { batchSize, shuffle: seed, dropLast })).toEqual(batches);
        },
      ),
    );
    expect(batchIndices(40, { batchSize: 8, shuffle: 1 })).not.toEqual(
      batchIndices(40, { batchSize: 8, shuffle: 2 }),
    );
  });

  it("rejects bad sizes", () => {
    expect(() => batchIndices(3, { batchSize: 0 })).toThrow(RnnkitError);
    expect(() => batchIndices(-1, { batchSize: 1 })).toThrow(
      /count must be an integer ≥ 0, got -1/,
    );
    expect(() => batchIndices(3, { batchSize: 4, dropLast: true })).toThrow(
      /batch of 4 is larger than the 3 samples and dropLast leaves nothing/,
    );
  });
});
