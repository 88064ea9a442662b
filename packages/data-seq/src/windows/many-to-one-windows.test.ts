import { RnnkitError } from "@rnnkit/core-tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { manyToOneWindows } from "./many-to-one-windows.js";

describe("manyToOneWindows", () => {
  it("pairs N inputs with the next symbol", () => {
    expect(manyToOneWindows([1, 2, 3, 4, 5], { length: 2 })).toEqual({
      inputs: [
        [1, 2],
        [2, 3],
        [3, 4],
      ],
      targets: [3, 4, 5],
    });
    expect(manyToOneWindows("abcdefg".split(""), { length: 3, stride: 2 })).toEqual({
      inputs: [
        ["a", "b", "c"],
        ["c", "d", "e"],
      ],
      targets: ["d", "f"],
    });
  });

  it("every window is a slice followed by its target; stride 1 reassembles the sequence", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 60 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 7 }),
        (sequence, rawLength, stride) => {
          const N = 1 + (rawLength % (sequence.length - 1));
          const { inputs, targets } = manyToOneWindows(sequence, { length: N, stride });
          expect(inputs).toHaveLength(Math.floor((sequence.length - 1 - N) / stride) + 1);
          expect(targets).toHaveLength(inputs.length);
          inputs.forEach((window, i) => {
            expect(window).toEqual(sequence.slice(i * stride, i * stride + N));
            expect(targets[i]).toBe(sequence[i * stride + N]);
          });
          // the next start would need a target past the end
          expect(inputs.length * stride + N).toBeGreaterThan(sequence.length - 1);
          if (stride === 1) expect([...(inputs[0] as number[]), ...targets]).toEqual(sequence);
        },
      ),
    );
  });

  it("rejects a window longer than the data", () => {
    expect(() => manyToOneWindows([1, 2, 3], { length: 3 })).toThrow(RnnkitError);
    expect(() => manyToOneWindows([1, 2, 3], { length: 3 })).toThrow(
      "manyToOneWindows: a window of 3 inputs + 1 target needs 4 steps, the sequence has 3",
    );
    expect(() => manyToOneWindows([], { length: 1 })).toThrow(/the sequence is empty/);
    expect(() => manyToOneWindows([1, 2], { length: 0 })).toThrow(
      /length must be a positive integer, got 0/,
    );
    expect(() => manyToOneWindows([1, 2], { length: 1, stride: 1.5 })).toThrow(
      /stride must be a positive integer/,
    );
  });
});
