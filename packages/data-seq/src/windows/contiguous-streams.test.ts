import { RnnkitError } from "@rnnkit/core-tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contiguousStreams } from "./contiguous-streams.js";

describe("contiguousStreams", () => {
  it("cuts the corpus into B rows of contiguous text, each into chunks of T", () => {
    // 11 symbols → 10 pairs; B·T = 4 → K = 2 chunks, L = 4 steps per row, 2 pairs dropped
    const streams = contiguousStreams([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], {
      batchSize: 2,
      length: 2,
    });
    expect(streams.numChunks).toBe(2);
    expect(streams.streamLength).toBe(4);
    expect(streams.offsets).toEqual([0, 4]);
    expect(streams.dropped).toBe(2);
    expect(streams.chunks).toEqual([
      {
        inputs: [
          [0, 1],
          [4, 5],
        ],
        targets: [
          [1, 2],
          [5, 6],
        ],
      },
      {
        inputs: [
          [2, 3],
          [6, 7],
        ],
        targets: [
          [3, 4],
          [7, 8],
        ],
      },
    ]);
  });

  it("rows continue from chunk to chunk and reassemble the corpus exactly", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 2, maxLength: 200 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 12 }),
        (sequence, batchSize, length) => {
          fc.pre(sequence.length - 1 >= batchSize * length);
          const streams = contiguousStreams(sequence, { batchSize, length });
          const { numChunks: K, streamLength: L, chunks } = streams;
          expect(K).toBe(Math.floor((sequence.length - 1) / (batchSize * length)));
          expect(L).toBe(K * length);
          expect(chunks).toHaveLength(K);
          const rows: number[][] = Array.from({ length: batchSize }, () => []);
          const targetRows: number[][] = Array.from({ length: batchSize }, () => []);
          chunks.forEach((chunk, k) => {
            expect(chunk.inputs).toHaveLength(batchSize);
            for (let b = 0; b < batchSize; b++) {
              const inputs = chunk.inputs[b] as number[];
              const targets = chunk.targets[b] as number[];
              expect(inputs).toHaveLength(length);
              // targets are the inputs shifted by one
              expect(targets.slice(0, -1)).toEqual(inputs.slice(1));
              // the state carried from chunk k to chunk k+1 of row b continues the same text
              if (k + 1 < K) expect(chunks[k + 1]?.inputs[b]?.[0]).toBe(targets.at(-1));
              rows[b]?.push(...inputs);
              targetRows[b]?.push(...targets);
            }
          });
          rows.forEach((row, b) => {
            expect(row).toEqual(sequence.slice(b * L, (b + 1) * L));
            expect(targetRows[b]).toEqual(sequence.slice(b * L + 1, (b + 1) * L + 1));
          });
          // rows in order + the dropped tail = the corpus
          expect([...rows.flat(), ...sequence.slice(batchSize * L)]).toEqual(sequence);
          expect(streams.dropped).toBe(sequence.length - 1 - batchSize * L);
          expect(streams.dropped).toBeLessThan(batchSize * length);
        },
      ),
    );
  });

  it("says what is wrong: empty data, chunk longer than the data, too many streams", () => {
    expect(() => contiguousStreams([], { batchSize: 1, length: 1 })).toThrow(RnnkitError);
    expect(() => contiguousStreams([], { batchSize: 1, length: 1 })).toThrow(
      "contiguousStreams: the sequence is empty",
    );
    expect(() => contiguousStreams([1, 2, 3], { batchSize: 1, length: 3 })).toThrow(
      "contiguousStreams: chunk length 3 is longer than the data: 3 steps give 2 input/target pairs",
    );
    expect(() => contiguousStreams(new Array(20).fill(0), { batchSize: 8, length: 5 })).toThrow(
      "contiguousStreams: batch of 8 streams is larger than the data allows: 19 input/target pairs in 8 streams give 2 steps per stream, fewer than one chunk of 5; use batchSize ≤ 3",
    );
    expect(() => contiguousStreams([1, 2], { batchSize: 0, length: 1 })).toThrow(
      /batchSize must be a positive integer, got 0/,
    );
  });
});
