import { RnnkitError } from "@rnnkit/core-tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { trainValidationSplit } from "../windows/train-validation-split.js";
import { ZScoreScaler } from "./z-score-scaler.js";

describe("ZScoreScaler", () => {
  it("fits mean and population std: [1, 2, 3, 4] → μ = 2.5, σ = √1.25", () => {
    const scaler = ZScoreScaler.fit([1, 2, 3, 4]);
    expect(scaler.mean).toBe(2.5);
    expect(scaler.std).toBeCloseTo(Math.sqrt(1.25), 12); // (2.25 + 0.25 + 0.25 + 2.25) / 4
    const z = scaler.transform([2.5, 2.5 + Math.sqrt(1.25)]);
    expect(z[0]).toBe(0);
    expect(z[1]).toBeCloseTo(1, 12);
  });

  it("is fitted on train only: validation values do not move it", () => {
    const series = [1, 2, 3, 4, 100, 200];
    const { train, validation } = trainValidationSplit(series, { validationFraction: 1 / 3 });
    const scaler = ZScoreScaler.fit(train);
    expect(scaler.mean).toBe(2.5);
    expect(scaler.transform(validation)[0]).toBeCloseTo((100 - 2.5) / Math.sqrt(1.25), 10);
  });

  it("inverse undoes transform, and JSON round-trips", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        (values) => {
          const scaler = ZScoreScaler.fit(values);
          const back = scaler.inverse(scaler.transform(values));
          back.forEach((v, i) => {
            const x = values[i] as number;
            expect(Math.abs(v - x)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(x)));
          });
          const loaded = ZScoreScaler.fromJSON(JSON.stringify(scaler));
          expect([loaded.mean, loaded.std]).toEqual([scaler.mean, scaler.std]);
        },
      ),
    );
  });

  it("only shifts a constant series", () => {
    const scaler = ZScoreScaler.fit([3, 3, 3]);
    expect(scaler.std).toBe(1);
    expect(scaler.transform([3, 4])).toEqual([0, 1]);
  });

  it("rejects empty or non-finite input and corrupt JSON", () => {
    expect(() => ZScoreScaler.fit([])).toThrow(RnnkitError);
    expect(() => ZScoreScaler.fit([])).toThrow(/ZScoreScaler\.fit: no values given/);
    expect(() => ZScoreScaler.fit([1, Number.POSITIVE_INFINITY])).toThrow(
      /value 1 is Infinity, not a finite number/,
    );
    expect(() => ZScoreScaler.fromJSON("{oops")).toThrow(/ZScoreScaler\.fromJSON: not valid JSON/);
    expect(() =>
      ZScoreScaler.fromJSON({ format: "rnnkit-z-score-scaler", version: 3, mean: 0, std: 1 }),
    ).toThrow(/unsupported version 3/);
    expect(() =>
      ZScoreScaler.fromJSON({ format: "rnnkit-z-score-scaler", version: 1, mean: 0, std: 0 }),
    ).toThrow(/positive std/);
  });
});
