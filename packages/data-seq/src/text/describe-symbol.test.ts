import { describe, expect, it } from "vitest";
import { describeSymbol } from "./describe-symbol.js";

describe("describeSymbol", () => {
  it("names one code point by its U+ number and itself", () => {
    expect(describeSymbol("é")).toBe("U+00E9 'é'");
    expect(describeSymbol("a")).toBe("U+0061 'a'");
    // an emoji is one code point (two UTF-16 units)
    expect(describeSymbol("😀")).toBe("U+1F600 '😀'");
  });

  it("escapes control characters and quotes", () => {
    expect(describeSymbol("\n")).toBe("U+000A '\\n'");
    expect(describeSymbol("\u0000")).toBe("U+0000 '\\u0000'");
    expect(describeSymbol("'")).toBe("U+0027 '\\''");
  });

  it("quotes a longer token (a word) without a code", () => {
    expect(describeSymbol("héllo")).toBe("'héllo'");
  });
});
