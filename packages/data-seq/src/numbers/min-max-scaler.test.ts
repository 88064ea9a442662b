import { RnnkitError } from "@rnnkit/core-tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MinMaxScaler } from "./min-max-scaler.js";

describe("MinMaxScaler", () => {
  it("maps [min, max] onto [a, b]", () => {
    expect(MinMaxScaler.fit([2, 4, 6]).transform([2, 5, 6])).toEqual([0, 0.75, 1]);
    // (x − 2)·2/4 − 1
    expect(MinMaxScaler.fit([2, 4, 6], { range: [-1, 1] }).transform([2, 4, 6, 8])).toEqual([
      -1, 0, 1, 2,
    ]);
  });

  it("inverse undoes transform, and JSON round-trips", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        (values) => {
          const scaler = MinMaxScaler.fit(values, { range: [-1, 1] });
          const scaled = scaler.transform(values);
          expect(scaled.every((y) => y >= -1 - 1e-12 && y <= 1 + 1e-12)).toBe(true);
          scaler.inverse(scaled).forEach((v, i) => {
            expect(Math.abs(v - (values[i] as number))).toBeLessThanOrEqual(
              1e-6 * (1 + Math.abs(values[i] as number)),
            );
          });
          const loaded = MinMaxScaler.fromJSON(JSON.stringify(scaler));
          expect([loaded.min, loaded.max, loaded.range]).toEqual([
            scaler.min,
            scaler.max,
            scaler.range,
          ]);
        },
      ),
    );
  });

  it("only shifts a constant series", () => {
    expect(MinMaxScaler.fit([5, 5]).transform([5, 6])).toEqual([0, 1]);
  });

  it("rejects bad ranges, empty input and corrupt JSON", () => {
    expect(() => MinMaxScaler.fit([1], { range: [1, 1] })).toThrow(RnnkitError);
    expect(() => MinMaxScaler.fit([1], { range: [1, 1] })).toThrow(
      /range must be \[a, b\] with a < b, got \[1,1\]/,
    );
    expect(() => MinMaxScaler.fit([])).toThrow(/MinMaxScaler\.fit: no values given/);
    expect(() => MinMaxScaler.fromJSON("")).toThrow(/MinMaxScaler\.fromJSON: not valid JSON/);
    expect(() => MinMaxScaler.fromJSON({ format: "rnnkit-z-score-scaler", version: 1 })).toThrow(
      /expected format "rnnkit-min-max-scaler", got "rnnkit-z-score-scaler"/,
    );
  });
});
