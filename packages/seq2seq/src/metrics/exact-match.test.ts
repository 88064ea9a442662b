import { describe, expect, it } from "vitest";
import { exactMatch } from "./exact-match.js";

describe("exactMatch", () => {
  it("is the share of predictions equal to their reference", () => {
    expect(
      exactMatch(["2021-03-03", "2021-03-04", "x"], ["2021-03-03", "2021-04-03", "x"]),
    ).toBeCloseTo(2 / 3, 12);
    expect(
      exactMatch(
        [["a", "b"], ["c"]],
        [
          ["a", "b"],
          ["c", "d"],
        ],
      ),
    ).toBe(0.5);
  });

  it("rejects an empty list", () => {
    expect(() => exactMatch([], [])).toThrow(/no predictions/);
  });
});
