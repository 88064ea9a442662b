import { RnnkitError } from "@rnnkit/core-tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Vocab } from "../text/vocab.js";
import { manyToManyWindows } from "./many-to-many-windows.js";

const sequences = fc.array(fc.integer({ min: 4, max: 40 }), { minLength: 2, maxLength: 60 });

describe("manyToManyWindows", () => {
  it("feeds <START> first and shifts the targets by one", () => {
    expect(manyToManyWindows([5, 6, 7, 8, 9], { length: 2 })).toEqual({
      inputs: [
        [1, 5],
        [1, 7],
      ],
      targets: [
        [5, 6],
        [7, 8],
      ],
    });
  });

  it("without a start symbol reads T + 1 steps per window", () => {
    expect(manyToManyWindows([5, 6, 7, 8, 9], { length: 2, start: false, stride: 1 })).toEqual({
      inputs: [
        [5, 6],
        [6, 7],
        [7, 8],
      ],
      targets: [
        [6, 7],
        [7, 8],
        [8, 9],
      ],
    });
  });

  it("with <START>: targets are the windows, inputs the targets shifted right; they reassemble the sequence", () => {
    fc.assert(
      fc.property(sequences, fc.integer({ min: 1, max: 60 }), (sequence, rawLength) => {
        const T = 1 + (rawLength % sequence.length);
        const { inputs, targets } = manyToManyWindows(sequence, { length: T });
        targets.forEach((target, i) => {
          expect(inputs[i]).toEqual([Vocab.START, ...target.slice(0, -1)]);
        });
        // non-overlapping windows (default stride = T) cover the sequence but a tail shorter than T
        const covered = targets.flat();
        expect(covered).toEqual(sequence.slice(0, covered.length));
        expect(sequence.length - covered.length).toBeLessThan(T);
      }),
    );
  });

  it("without <START>: targets[i][t] is the step after inputs[i][t] for any stride", () => {
    fc.assert(
      fc.property(
        sequences,
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 5 }),
        (sequence, rawLength, stride) => {
          const T = 1 + (rawLength % (sequence.length - 1));
          const { inputs, targets } = manyToManyWindows(sequence, {
            length: T,
            stride,
            start: false,
          });
          expect(inputs).toHaveLength(Math.floor((sequence.length - 1 - T) / stride) + 1);
          inputs.forEach((input, i) => {
            expect(input).toEqual(sequence.slice(i * stride, i * stride + T));
            expect(targets[i]).toEqual(sequence.slice(i * stride + 1, i * stride + T + 1));
          });
        },
      ),
    );
  });

  it("rejects a window longer than the data", () => {
    expect(() => manyToManyWindows([5, 6], { length: 3 })).toThrow(RnnkitError);
    expect(() => manyToManyWindows([5, 6], { length: 3 })).toThrow(
      "manyToManyWindows: a window of length 3 needs 3 steps, the sequence has 2",
    );
    expect(() => manyToManyWindows([5, 6], { length: 2, start: false })).toThrow(
      /needs 3 steps \(inputs \+ the shifted target\), the sequence has 2/,
    );
    expect(() => manyToManyWindows([5, 6], { length: 1, start: -1 })).toThrow(
      /start must be an integer ≥ 0/,
    );
  });
});
