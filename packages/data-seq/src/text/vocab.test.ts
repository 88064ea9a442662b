import { RnnkitError } from "@rnnkit/core-tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenizeWords } from "./tokenize-words.js";
import { Vocab } from "./vocab.js";

describe("Vocab: building", () => {
  it("reserves <PAD>, <START>, <END>, <UNK> at 0..3, then the symbols in code-point order", () => {
    const vocab = Vocab.fromCorpus("hello");
    expect([Vocab.PAD, Vocab.START, Vocab.END, Vocab.UNK]).toEqual([0, 1, 2, 3]);
    expect(vocab.symbols).toEqual(["<PAD>", "<START>", "<END>", "<UNK>", "e", "h", "l", "o"]);
    expect(vocab.size).toBe(8);
    expect(vocab.encode("hello")).toEqual([5, 4, 6, 6, 7]);
    expect(vocab.indexOf("l")).toBe(6);
    expect(vocab.indexOf("z")).toBeUndefined();
    expect(vocab.symbolAt(1)).toBe("<START>");
  });

  it("counts Unicode code points, not UTF-16 units", () => {
    // "😀" and "！" (U+FF01): UTF-16 order would put the emoji (0xD83D…) before U+FF01
    const text = "a😀é！😀";
    expect(text.length).toBe(7);
    const vocab = Vocab.fromCorpus(text);
    expect(vocab.symbols.slice(4)).toEqual(["a", "é", "！", "😀"]);
    expect(vocab.encode(text)).toEqual([4, 7, 5, 6, 7]);
  });

  it("normalizes when asked: NFC makes e + U+0301 one symbol", () => {
    const decomposed = "e\u0301t\u00e9";
    expect(Vocab.fromCorpus(decomposed).size).toBe(4 + 4); // e, t, é and U+0301 apart
    const nfc = Vocab.fromCorpus(decomposed, { normalize: "NFC" });
    expect(nfc.symbols.slice(4)).toEqual(["t", "é"]);
    expect(nfc.encode(decomposed)).toEqual([5, 4, 5]);
  });

  it("builds from several texts, keeps symbols seen minCount times, or the maxSize most frequent", () => {
    expect(Vocab.fromCorpus(["ab", "ba", "c"]).symbols.slice(4)).toEqual(["a", "b", "c"]);
    expect(Vocab.fromCorpus("aaabbc", { minCount: 2 }).symbols.slice(4)).toEqual(["a", "b"]);
    // maxSize counts the reserved 4: room for 2 symbols, the most frequent ones
    expect(Vocab.fromCorpus("cccbba", { maxSize: 6 }).symbols.slice(4)).toEqual(["b", "c"]);
    // ties in count: code-point order decides
    expect(Vocab.fromCorpus("zyx", { maxSize: 5 }).symbols.slice(4)).toEqual(["x"]);
  });

  it("fromSymbols keeps the given order", () => {
    const vocab = Vocab.fromSymbols(["z", "a"]);
    expect(vocab.encode("az")).toEqual([5, 4]);
  });

  it("rejects an empty corpus and bad options with RnnkitError", () => {
    expect(() => Vocab.fromCorpus("")).toThrow(RnnkitError);
    expect(() => Vocab.fromCorpus("")).toThrow(/Vocab\.fromCorpus: the corpus is empty/);
    expect(() => Vocab.fromCorpus([])).toThrow(/the corpus is empty/);
    expect(() => Vocab.fromCorpus("  \n ", { level: "word" })).toThrow(/no words/);
    expect(() => Vocab.fromCorpus("ab", { minCount: 2 })).toThrow(
      /no symbol is seen minCount=2 times/,
    );
    expect(() => Vocab.fromCorpus("ab", { maxSize: 4 })).toThrow(/maxSize must be an integer ≥ 5/);
    expect(() => Vocab.fromCorpus("ab", { level: "byte" as "char" })).toThrow(/level must be/);
    expect(() => Vocab.fromSymbols(["a", "a"])).toThrow(/U\+0061 'a' appears twice/);
    expect(() => Vocab.fromSymbols(["<PAD>"])).toThrow(/appears twice/);
    expect(() => Vocab.fromSymbols(["ab"])).toThrow(/single code points, got 'ab' at index 4/);
  });
});

describe("Vocab: encode and decode", () => {
  it("round-trips any text through its own vocabulary (code points, emoji, accents)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 1, maxLength: 60 }), (text) => {
        const vocab = Vocab.fromCorpus(text);
        const indices = vocab.encode(text);
        expect(indices).toHaveLength(Array.from(text).length);
        expect(indices.every((i) => i >= 4 && i < vocab.size)).toBe(true);
        expect(vocab.decode(indices)).toBe(text);
        const framed = vocab.encode(text, { start: true, end: true });
        expect(framed[0]).toBe(Vocab.START);
        expect(framed.at(-1)).toBe(Vocab.END);
        expect(vocab.decode(framed)).toBe(text);
      }),
    );
  });

  it("fails on an unknown symbol, naming it and its position", () => {
    const vocab = Vocab.fromCorpus("abcd\n");
    expect(() => vocab.encode("abc\ndé")).toThrow(RnnkitError);
    expect(() => vocab.encode("abc\ndé")).toThrow(
      "Vocab.encode: unknown symbol U+00E9 'é' at position 5 (line 2, column 2)",
    );
    expect(() => vocab.encode("a😀")).toThrow(/U\+1F600 '😀' at position 1 \(line 1, column 2\)/);
  });

  it("maps unknown symbols to <UNK> when asked, and prints <UNK> back", () => {
    const vocab = Vocab.fromCorpus("abc");
    const indices = vocab.encode("aéb", { unknown: "unk" });
    expect(indices).toEqual([4, Vocab.UNK, 5]);
    expect(vocab.decode(indices)).toBe("a<UNK>b");
  });

  it("drops <PAD>/<START>/<END> on decode unless keepSpecial", () => {
    const vocab = Vocab.fromCorpus("ab");
    const indices = [Vocab.START, 4, 5, Vocab.END, Vocab.PAD];
    expect(vocab.decode(indices)).toBe("ab");
    expect(vocab.decode(indices, { keepSpecial: true })).toBe("<START>ab<END><PAD>");
    expect(vocab.decodeTokens(indices)).toEqual(["a", "b"]);
    expect(() => vocab.decode([4, 9])).toThrow(
      /Vocab\.decode: index 9 at position 1 is outside the vocabulary of 6 symbols/,
    );
    expect(() => vocab.decode([1.5])).toThrow(/index 1\.5/);
  });

  it("encodeTokens takes pre-split tokens, reserved ones included", () => {
    const vocab = Vocab.fromCorpus("a cat", { level: "word" });
    expect(vocab.encodeTokens(["<START>", "cat", "a", "<END>"])).toEqual([1, 5, 4, 2]);
    expect(() => vocab.encodeTokens(["dog"])).toThrow(/unknown word 'dog' at token 0/);
  });
});

describe("Vocab: word level", () => {
  const corpus = "The cat sat. The dog sat, too!";

  it("builds a vocabulary of words and punctuation", () => {
    const vocab = Vocab.fromCorpus(corpus, { level: "word" });
    expect(vocab.symbols.slice(4)).toEqual(["!", ",", ".", "The", "cat", "dog", "sat", "too"]);
    expect(vocab.encode("The dog sat.")).toEqual([7, 9, 10, 6]);
    expect(vocab.decode([7, 9, 10, 6])).toBe("The dog sat .");
  });

  it("round-trips token sequences", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("a", "b", "c", " ", ",", "!", "é", "'"), { minLength: 1 }),
        (chars) => {
          const text = chars.join("");
          fc.pre(tokenizeWords(text).length > 0);
          const vocab = Vocab.fromCorpus(text, { level: "word" });
          expect(tokenizeWords(vocab.decode(vocab.encode(text)))).toEqual(tokenizeWords(text));
        },
      ),
    );
  });

  it("names an unknown word and where it is", () => {
    const vocab = Vocab.fromCorpus(corpus, { level: "word" });
    expect(() => vocab.encode("The bird sat")).toThrow(
      /Vocab\.encode: unknown word 'bird' at token 1 \(character 4\)/,
    );
    expect(vocab.encode("The bird sat", { unknown: "unk" })).toEqual([7, Vocab.UNK, 10]);
  });
});

describe("Vocab: saving and loading", () => {
  it("round-trips through JSON with a version field", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", minLength: 1, maxLength: 40 }),
        fc.constantFrom(undefined, "NFC" as const, "NFKD" as const),
        (text, normalize) => {
          const vocab = Vocab.fromCorpus(text, { normalize });
          const json = JSON.stringify(vocab);
          expect(JSON.parse(json).version).toBe(1);
          const loaded = Vocab.fromJSON(json);
          expect(loaded.symbols).toEqual(vocab.symbols);
          expect(loaded.level).toBe(vocab.level);
          expect(loaded.normalize).toBe(vocab.normalize);
          expect(loaded.encode(text)).toEqual(vocab.encode(text));
          expect(Vocab.fromJSON(vocab.toJSON()).symbols).toEqual(vocab.symbols);
        },
      ),
    );
    const words = Vocab.fromCorpus("a b c", { level: "word" });
    expect(Vocab.fromJSON(JSON.stringify(words)).level).toBe("word");
  });

  it("rejects corrupt or foreign JSON with a clear error", () => {
    const good = Vocab.fromCorpus("ab").toJSON();
    expect(() => Vocab.fromJSON('{"format": "rnnkit-vocab", ')).toThrow(RnnkitError);
    expect(() => Vocab.fromJSON('{"format": "rnnkit-vocab", ')).toThrow(
      /Vocab\.fromJSON: not valid JSON/,
    );
    expect(() => Vocab.fromJSON("[1, 2]")).toThrow(
      /expected a "rnnkit-vocab" object, got an array/,
    );
    expect(() => Vocab.fromJSON({ ...good, format: "other" })).toThrow(
      /expected format "rnnkit-vocab", got "other"/,
    );
    expect(() => Vocab.fromJSON({ ...good, version: 2 })).toThrow(
      /unsupported version 2; this build reads version 1/,
    );
    expect(() => Vocab.fromJSON({ ...good, version: undefined })).toThrow(
      /unsupported version \(missing\)/,
    );
    expect(() => Vocab.fromJSON({ ...good, symbols: "ab" })).toThrow(
      /symbols must be an array of strings/,
    );
    expect(() =>
      Vocab.fromJSON({ ...good, symbols: ["<START>", "<PAD>", "<END>", "<UNK>", "a"] }),
    ).toThrow(/symbols\[0\] must be "<PAD>", got "<START>"/);
    expect(() => Vocab.fromJSON({ ...good, symbols: [...good.symbols, "a"] })).toThrow(
      /appears twice/,
    );
    expect(() => Vocab.fromJSON({ ...good, level: "byte" })).toThrow(
      /level must be "char" or "word"/,
    );
    expect(() => Vocab.fromJSON({ ...good, normalize: "NFX" })).toThrow(/normalize must be one of/);
  });
});
