import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenizeWords } from "./tokenize-words.js";
import { wordSpans } from "./word-spans.js";

describe("tokenizeWords", () => {
  it("splits words and punctuation, drops whitespace", () => {
    expect(tokenizeWords("Don't stop, Zoë!")).toEqual(["Don't", "stop", ",", "Zoë", "!"]);
    expect(tokenizeWords("  a\tb\n\nc  ")).toEqual(["a", "b", "c"]);
    expect(tokenizeWords("")).toEqual([]);
  });

  it("keeps combining marks in the word and makes each symbol or emoji a token", () => {
    expect(tokenizeWords("cafe\u0301 😀ok")).toEqual(["cafe\u0301", "😀", "ok"]);
    expect(tokenizeWords("pi=3.14")).toEqual(["pi", "=", "3", ".", "14"]);
    expect(tokenizeWords("l’eau 'quoted'")).toEqual(["l’eau", "'", "quoted", "'"]);
  });

  it("gives start positions in code points", () => {
    expect(wordSpans("😀 hi, é")).toEqual([
      { token: "😀", start: 0 },
      { token: "hi", start: 2 },
      { token: ",", start: 4 },
      { token: "é", start: 6 },
    ]);
  });

  it("tokens hold no whitespace and spell the text without its whitespace", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (text) => {
        const tokens = tokenizeWords(text);
        expect(tokens.every((t) => t.length > 0 && !/\s/u.test(t))).toBe(true);
        expect(tokens.join("")).toBe(text.replace(/\s/gu, ""));
        // each span starts where its token sits in the code-point array
        const codePoints = Array.from(text);
        for (const span of wordSpans(text)) {
          expect(
            codePoints.slice(span.start, span.start + Array.from(span.token).length).join(""),
          ).toBe(span.token);
        }
      }),
    );
  });
});
