import { RnnkitError } from "@rnnkit/core-tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forecastWindows } from "./forecast-windows.js";

describe("forecastWindows", () => {
  it("makes one-step and multi-step samples", () => {
    expect(forecastWindows([1, 2, 3, 4, 5], { inputLength: 3 })).toEqual({
      inputs: [
        [1, 2, 3],
        [2, 3, 4],
      ],
      targets: [[4], [5]],
    });
    expect(forecastWindows([1, 2, 3, 4, 5], { inputLength: 2, horizon: 2 })).toEqual({
      inputs: [
        [1, 2],
        [2, 3],
      ],
      targets: [
        [3, 4],
        [4, 5],
      ],
    });
  });

  it("inputs and targets are consecutive slices of the series", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 80 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 6 }),
        (series, rawN, rawH, stride) => {
          const N = 1 + (rawN % (series.length - 1));
          const H = 1 + (rawH % (series.length - N));
          const { inputs, targets } = forecastWindows(series, {
            inputLength: N,
            horizon: H,
            stride,
          });
          expect(inputs).toHaveLength(Math.floor((series.length - N - H) / stride) + 1);
          inputs.forEach((input, i) => {
            const s = i * stride;
            expect([...input, ...(targets[i] as number[])]).toEqual(series.slice(s, s + N + H));
          });
        },
      ),
    );
  });

  it("rejects a window longer than the series and non-finite values", () => {
    expect(() => forecastWindows([1, 2, 3], { inputLength: 2, horizon: 2 })).toThrow(RnnkitError);
    expect(() => forecastWindows([1, 2, 3], { inputLength: 2, horizon: 2 })).toThrow(
      "forecastWindows: a window of 2 inputs + 2 targets needs 4 values, the series has 3",
    );
    expect(() => forecastWindows([], { inputLength: 1 })).toThrow(/the series is empty/);
    expect(() => forecastWindows([1, Number.NaN, 3], { inputLength: 1 })).toThrow(
      /series\[1\] is NaN, not a finite number/,
    );
  });
});
