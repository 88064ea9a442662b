import { describe, expect, it } from "vitest";
import { corpusBleu } from "./corpus-bleu.js";

const words = (s: string): string[] => s.split(" ");

describe("corpusBleu", () => {
  // Sentence 1: candidate "the cat sat on the mat", reference "the cat is on the mat"
  //   1-grams: the×2 (ref has 2), cat, sat (0), on, mat → 5 of 6
  //   2-grams: the cat ✓, cat sat ✗, sat on ✗, on the ✓, the mat ✓ → 3 of 5
  //   3-grams: the cat sat ✗, cat sat on ✗, sat on the ✗, on the mat ✓ → 1 of 4
  //   4-grams: none of 3 match
  // Sentence 2: candidate "a b c d e", reference "a b c d e f g": all 5, 4, 3, 2 n-grams match
  const candidates = [words("the cat sat on the mat"), words("a b c d e")];
  const references = [words("the cat is on the mat"), words("a b c d e f g")];

  it("sums clipped n-gram matches over the corpus, with the brevity penalty (hand-computed)", () => {
    const result = corpusBleu(candidates, references);
    // p1 = 10/11, p2 = 7/9, p3 = 4/7, p4 = 2/5; c = 11, r = 13
    expect(result.precisions[0]).toBeCloseTo(10 / 11, 12);
    expect(result.precisions[1]).toBeCloseTo(7 / 9, 12);
    expect(result.precisions[2]).toBeCloseTo(4 / 7, 12);
    expect(result.precisions[3]).toBeCloseTo(2 / 5, 12);
    expect(result.candidateLength).toBe(11);
    expect(result.referenceLength).toBe(13);
    expect(result.brevityPenalty).toBeCloseTo(Math.exp(1 - 13 / 11), 12);
    // (10/11 · 7/9 · 4/7 · 2/5)^(1/4) = (16/99)^(1/4)
    expect(result.bleu).toBeCloseTo(Math.exp(-2 / 11) * (16 / 99) ** 0.25, 12);
    expect(result.bleu).toBeCloseTo(0.52864, 4);
  });

  it("is 0 when an n-gram order has no match, unless smoothed (add-one for n > 1)", () => {
    const one = corpusBleu([candidates[0] as string[]], [references[0] as string[]]);
    expect(one.bleu).toBe(0);
    const smoothed = corpusBleu([candidates[0] as string[]], [references[0] as string[]], {
      smoothing: "add-one",
    });
    // p1 = 5/6, p2 = 4/6, p3 = 2/5, p4 = 1/4, c = r = 6 → BP = 1; product = 1/18
    expect(smoothed.bleu).toBeCloseTo((1 / 18) ** 0.25, 12);
  });

  it("clips by the most of any reference and uses the closest reference length (Papineni's example)", () => {
    const candidate = words("the the the the the the the");
    const refs = [words("the cat is on the mat"), words("there is a cat on the mat")];
    const result = corpusBleu([candidate], [refs], { maxOrder: 1 });
    expect(result.precisions[0]).toBeCloseTo(2 / 7, 12); // "the" at most twice in one reference
    expect(result.referenceLength).toBe(7); // 7 tokens, as the candidate
    expect(result.bleu).toBeCloseTo(2 / 7, 12);
  });

  it("takes the shorter reference length on a tie", () => {
    const result = corpusBleu([words("a b c d e")], [[words("a b c d"), words("a b c d e f")]], {
      maxOrder: 1,
    });
    expect(result.referenceLength).toBe(4);
    expect(result.brevityPenalty).toBe(1);
    expect(result.bleu).toBe(1);
  });

  it("is 1 for a perfect corpus and accepts numeric tokens", () => {
    expect(corpusBleu([[1, 2, 3, 4, 5]], [[1, 2, 3, 4, 5]]).bleu).toBeCloseTo(1, 12);
  });

  it("rejects bad options and mismatched lists", () => {
    expect(() => corpusBleu([["a"]], [["a"]], { maxOrder: 0 })).toThrow(/maxOrder/);
    expect(() => corpusBleu([["a"]], [])).toThrow(/1 predictions for 0 references/);
  });
});
