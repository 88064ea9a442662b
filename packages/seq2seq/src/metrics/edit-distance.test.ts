import { describe, expect, it } from "vitest";
import { editDistance } from "./edit-distance.js";

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions (Levenshtein)", () => {
    expect(editDistance("kitten", "sitting")).toBe(3); // k→s, e→i, +g
    expect(editDistance("flaw", "lawn")).toBe(2); // −f, +n
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abc", "")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });

  it("compares token arrays element by element", () => {
    expect(editDistance(["HH", "AH", "L", "OW"], ["HH", "EH", "L", "OW"])).toBe(1);
    expect(editDistance([1, 2, 3], [3, 2, 1])).toBe(2);
  });

  it("counts an emoji as one symbol", () => {
    expect(editDistance("a😀b", "ab")).toBe(1);
  });

  it("is symmetric", () => {
    expect(editDistance("intention", "execution")).toBe(editDistance("execution", "intention"));
    expect(editDistance("intention", "execution")).toBe(5);
  });
});
