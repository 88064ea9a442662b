import { describe, expect, it } from "vitest";
import { errorRate } from "./error-rate.js";

describe("errorRate", () => {
  it("is total edits over total reference length (not a mean of ratios)", () => {
    // (3 + 0) / (7 + 2): kitten→sitting needs 3 edits, "ab" is exact
    expect(errorRate(["kitten", "ab"], ["sitting", "ab"])).toBeCloseTo(3 / 9, 12);
  });

  it("works on tokens: a phoneme error rate", () => {
    const predicted = [
      ["K", "AE", "T"],
      ["D", "AO", "G", "Z"],
    ];
    const reference = [
      ["K", "AE", "T"],
      ["D", "AO", "G"],
    ];
    expect(errorRate(predicted, reference)).toBeCloseTo(1 / 6, 12);
  });

  it("rejects mismatched lists and empty references", () => {
    expect(() => errorRate(["a"], ["a", "b"])).toThrow(/1 predictions for 2 references/);
    expect(() => errorRate([""], [""])).toThrow(/every reference is empty/);
  });
});
