import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { dispose } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { encodePairs } from "./encode-pairs.js";
import { makePairBatch } from "./make-pair-batch.js";
import { pairBatches } from "./pair-batches.js";
import { pairVocabularies } from "./pair-vocabularies.js";

registerCpuBackend();

const pairs = [
  { source: "the cat", target: "le chat", line: 1 },
  { source: "a cat", target: "un chat", line: 2 },
  { source: "the dog", target: "le chien", line: 3 },
];

describe("pair data", () => {
  it("builds a word- or char-level vocabulary per side", () => {
    const vocabularies = pairVocabularies(pairs, {
      source: { level: "word" },
      target: { level: "char" },
    });
    // 4 reserved + a, cat, dog, the
    expect(vocabularies.source.symbols.slice(4)).toEqual(["a", "cat", "dog", "the"]);
    expect(vocabularies.target.level).toBe("char");
    expect(vocabularies.target.indexOf("h")).toBeDefined();
  });

  it("encodes pairs and names the line of an unknown symbol", () => {
    const vocabularies = pairVocabularies(pairs, { source: { level: "word" } });
    const [first] = encodePairs(pairs, vocabularies);
    expect(vocabularies.source.decode(first?.source ?? [])).toBe("the cat");
    expect(() => encodePairs([{ source: "the cow", target: "le", line: 9 }], vocabularies)).toThrow(
      /encodePairs: line 9: Vocab.encode: unknown word .*cow/,
    );
    const unk = encodePairs([{ source: "the cow", target: "le", line: 9 }], vocabularies, {
      unknown: "unk",
    });
    expect(unk[0]?.source[1]).toBe(3);
  });

  it("pads a batch: target input starts with <START>, target output ends with <END>, masks mark real steps", () => {
    const batch = makePairBatch([
      { source: [5, 6, 7], target: [8, 9] },
      { source: [5], target: [10, 11, 12] },
    ]);
    expect(batch.source.arraySync()).toEqual([
      [5, 6, 7],
      [5, 0, 0],
    ]);
    expect(batch.sourceMask.arraySync()).toEqual([
      [1, 1, 1],
      [1, 0, 0],
    ]);
    expect(batch.targetInput.arraySync()).toEqual([
      [1, 8, 9, 0],
      [1, 10, 11, 12],
    ]);
    expect(batch.targetOutput.arraySync()).toEqual([
      [8, 9, 2, 0],
      [10, 11, 12, 2],
    ]);
    expect(batch.targetMask.arraySync()).toEqual([
      [1, 1, 1, 0],
      [1, 1, 1, 1],
    ]);
    expect(batch.targetLengths).toEqual([2, 3]);
    dispose(batch);
    expect(() => makePairBatch([{ source: [], target: [5] }])).toThrow(
      /pair 0 has an empty source/,
    );
  });

  it("yields every pair once per epoch, bucketed by source length", () => {
    const encoded = Array.from({ length: 10 }, (_, i) => ({
      source: Array(1 + (i % 4)).fill(5),
      target: [6],
    }));
    const seen: number[] = [];
    for (const batch of pairBatches(encoded, { batchSize: 3, shuffle: 1 })) {
      seen.push(...batch.indices);
      const lengths = batch.indices.map((i) => encoded[i]?.source.length as number);
      expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
      expect(batch.source.shape).toEqual([batch.indices.length, Math.max(...lengths)]);
      dispose(batch);
    }
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
