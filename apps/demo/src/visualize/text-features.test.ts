import { describe, expect, it } from "vitest";
import { textFeatures } from "./text-features.js";

describe("textFeatures", () => {
  it("tracks quotes, column, bracket depth and indentation after each character", () => {
    const text = 'a("b")\n  {c}';
    const features = Object.fromEntries(textFeatures([...text]).map((f) => [f.name, f.values]));
    //                               a  (  "  b  "  )  \n ␣  ␣  {  c  }
    expect(features["inside quotes"]).toEqual([0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(features["position in line"]).toEqual([1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5]);
    expect(features["bracket depth"]).toEqual([0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0]);
    expect(features["indent depth"]).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2]);
  });

  it("curly quotes open and close", () => {
    const [quotes] = textFeatures([..."“x” y"]);
    expect(quotes?.values).toEqual([1, 1, 0, 0, 0]);
  });
});
