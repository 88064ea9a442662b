import { RnnkitError } from "@rnnkit/core-tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { padSequences } from "./pad-sequences.js";

describe("padSequences", () => {
  it("pads at the end with <PAD> and marks real steps with 1", () => {
    expect(padSequences([[5, 6, 7], [8], []])).toEqual({
      values: [
        [5, 6, 7],
        [8, 0, 0],
        [0, 0, 0],
      ],
      mask: [
        [1, 1, 1],
        [1, 0, 0],
        [0, 0, 0],
      ],
      lengths: [3, 1, 0],
    });
    expect(padSequences([[5]], { length: 3, padValue: -1 }).values).toEqual([[5, -1, -1]]);
  });

  it("keeps every sequence as the unmasked prefix of its row", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 4, max: 99 }), { maxLength: 20 }), {
          minLength: 1,
          maxLength: 10,
        }),
        fc.integer({ min: 0, max: 5 }),
        (sequences, extra) => {
          fc.pre(sequences.some((s) => s.length > 0));
          const longest = Math.max(...sequences.map((s) => s.length));
          const { values, mask, lengths } = padSequences(sequences, { length: longest + extra });
          sequences.forEach((s, b) => {
            const row = values[b] as number[];
            expect(row).toHaveLength(longest + extra);
            expect(row.slice(0, s.length)).toEqual(s);
            expect(row.slice(s.length).every((v) => v === 0)).toBe(true);
            expect(mask[b]?.reduce((a, m) => a + m, 0)).toBe(s.length);
            expect(mask[b]?.slice(0, s.length).every((m) => m === 1)).toBe(true);
            // unpadding gives the sequence back
            expect(row.filter((_, t) => mask[b]?.[t] === 1)).toEqual(s);
          });
          expect(lengths).toEqual(sequences.map((s) => s.length));
        },
      ),
    );
  });

  it("rejects empty input and a length shorter than a sequence", () => {
    expect(() => padSequences([])).toThrow(RnnkitError);
    expect(() => padSequences([])).toThrow(/padSequences: no sequences given/);
    expect(() => padSequences([[], []])).toThrow(/every sequence is empty/);
    expect(() => padSequences([[1], [1, 2, 3]], { length: 2 })).toThrow(
      "padSequences: sequence 1 has 3 steps, longer than length 2",
    );
  });
});
