// Shown to learn: date normalization with attention (≥ 99% exact match on held-out dates), beam
// search against greedy decoding, and the attention weights of a sample. One training run (about
// 40 s of CPU) serves every test in this file.
import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { dispose, Rng, type Tensor, tensor, tidy } from "@rnnkit/core-tensor";
import { Adam } from "@rnnkit/optim";
import { beforeAll, describe, expect, it } from "vitest";
import { encodePairs } from "./data/encode-pairs.js";
import { makePairBatch, type PairBatch } from "./data/make-pair-batch.js";
import { pairBatches } from "./data/pair-batches.js";
import { type PairVocabularies, pairVocabularies } from "./data/pair-vocabularies.js";
import type { TextPair } from "./data/text-pair.js";
import { generateDatePairs } from "./datasets/generate-date-pairs.js";
import { beamSearch } from "./decoding/beam-search.js";
import type { Hypothesis } from "./decoding/decode-options.js";
import { greedyDecode } from "./decoding/greedy-decode.js";
import { corpusBleu } from "./metrics/corpus-bleu.js";
import { errorRate } from "./metrics/error-rate.js";
import { exactMatch } from "./metrics/exact-match.js";
import { Seq2Seq } from "./model/seq2seq.js";
import { trainStep } from "./training/train-step.js";

registerCpuBackend();

const TRAIN = 6000;
const HELD_OUT = 1000;
const STEPS = 800;
const SNAPSHOT_STEP = 150;

interface Trained {
  model: Seq2Seq;
  /** The same model after SNAPSHOT_STEP steps: half-trained, where decoders differ. */
  early: Seq2Seq;
  vocabularies: PairVocabularies;
  heldOut: TextPair[];
  batch: PairBatch;
  firstLoss: number;
  lastLoss: number;
  seconds: number;
  cpuSeconds: number;
}

const makeModel = (vocabularies: PairVocabularies, seed: number): Seq2Seq =>
  new Seq2Seq({
    sourceVocabSize: vocabularies.source.size,
    targetVocabSize: vocabularies.target.size,
    embeddingDim: 16,
    hiddenSize: 32,
    cell: "lstm",
    bidirectional: true,
    attention: "luong-general",
    rng: new Rng(seed),
  });

let trained: Trained;

beforeAll(() => {
  const started = performance.now();
  const cpuStarted = process.cpuUsage().user;
  // every pair has a different date: held-out dates are never seen in training, in any format
  const pairs = generateDatePairs({ count: TRAIN + HELD_OUT, seed: 7 });
  const train = pairs.slice(0, TRAIN);
  const heldOut = pairs.slice(TRAIN);
  const vocabularies = pairVocabularies(train);
  const encoded = encodePairs(train, vocabularies);
  const model = makeModel(vocabularies, 1);
  const early = makeModel(vocabularies, 2);
  const optimizer = new Adam(model.parameters(), { learningRate: 0.01 });
  const losses: number[] = [];
  for (let epoch = 0; losses.length < STEPS; epoch++) {
    for (const batch of pairBatches(encoded, { batchSize: 32, shuffle: new Rng(epoch) })) {
      if (losses.length < STEPS) {
        // lr decays 0.5% a step, to 5% of the start
        optimizer.learningRate = 0.01 * Math.max(0.05, 0.995 ** losses.length);
        losses.push(trainStep(model, batch, optimizer, { clipNorm: 5 }));
        if (losses.length === SNAPSHOT_STEP) early.loadStateDict(model.stateDict());
      }
      dispose(batch);
    }
  }
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  trained = {
    model,
    early,
    vocabularies,
    heldOut,
    batch: makePairBatch(encodePairs(heldOut, vocabularies, { unknown: "unk" })),
    firstLoss: mean(losses.slice(0, 20)),
    lastLoss: mean(losses.slice(-20)),
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (process.cpuUsage().user - cpuStarted) / 1e6,
  };
}, 600_000);

const texts = (hypotheses: Hypothesis[]): string[] =>
  hypotheses.map((h) => trained.vocabularies.target.decode(h.tokens));

describe("date normalization (human-written dates → ISO 8601)", () => {
  it("reaches ≥ 99% exact match on 1,000 held-out dates with Luong attention", () => {
    const { model, batch, heldOut, firstLoss, lastLoss, seconds, cpuSeconds } = trained;
    const predicted = texts(greedyDecode(model, batch.source, batch.sourceMask, { maxLength: 12 }));
    const references = heldOut.map((p) => p.target);
    const match = exactMatch(predicted, references);
    const cer = errorRate(predicted, references);
    const bleu = corpusBleu(
      predicted.map((s) => Array.from(s)),
      references.map((s) => Array.from(s)),
    ).bleu;
    const wrong = heldOut.flatMap((p, i) =>
      predicted[i] === p.target ? [] : [`${p.source} → ${predicted[i]}`],
    );
    console.log(
      `dates: ${STEPS} steps in ${seconds.toFixed(1)} s (CPU ${cpuSeconds.toFixed(1)} s), loss ${firstLoss.toFixed(3)} → ${lastLoss.toFixed(4)}; ` +
        `held-out exact match ${(100 * match).toFixed(1)}%, CER ${(100 * cer).toFixed(2)}%, char BLEU ${bleu.toFixed(4)}` +
        (wrong.length ? `; wrong: ${wrong.slice(0, 5).join(", ")}` : ""),
    );
    expect(lastLoss).toBeLessThan(firstLoss / 50);
    expect(match).toBeGreaterThanOrEqual(0.99);
    expect(cer).toBeLessThan(0.005);
  });

  it("beam search is at least as good as greedy decoding on held-out dates", () => {
    const { early, model, batch, heldOut } = trained;
    const n = 400;
    const rows = tensor(
      Array.from({ length: n }, (_, i) => i),
      [n],
      "int32",
    );
    const [source, mask] = tidy(() =>
      [batch.source, batch.sourceMask].map((t) => gatherRows(t, rows)),
    );
    const references = heldOut.slice(0, n).map((p) => p.target);
    for (const [name, m] of [
      [`after ${SNAPSHOT_STEP} steps`, early],
      [`after ${STEPS} steps`, model],
    ] as const) {
      const greedy = greedyDecode(m, source as Tensor, mask as Tensor, { maxLength: 12 });
      const beam = beamSearch(m, source as Tensor, mask as Tensor, {
        maxLength: 12,
        beamWidth: 4,
      }).best;
      const greedyMatch = exactMatch(texts(greedy), references);
      const beamMatch = exactMatch(texts(beam), references);
      const meanLogP = (hs: Hypothesis[]): number =>
        hs.reduce((s, h) => s + h.logProbability, 0) / hs.length;
      console.log(
        `${name}: exact match greedy ${(100 * greedyMatch).toFixed(2)}%, beam(4) ${(100 * beamMatch).toFixed(2)}%; ` +
          `mean log p greedy ${meanLogP(greedy).toFixed(4)}, beam ${meanLogP(beam).toFixed(4)}`,
      );
      expect(beamMatch).toBeGreaterThanOrEqual(greedyMatch);
      // every output here has 11 tokens with <END>, so ranking by mean log p is ranking by log p
      expect(meanLogP(beam)).toBeGreaterThanOrEqual(meanLogP(greedy) - 1e-9);
    }
    dispose([rows, source, mask]);
  });

  it("returns attention weights [B, Tdec, Tenc] that sum to 1 and look at the right characters", () => {
    const { model, vocabularies } = trained;
    const sample = [
      { source: "Wed, 3 Mar 2021", target: "2021-03-03", line: 0 },
      { source: "3 March 2021", target: "2021-03-03", line: 0 },
    ];
    const batch = makePairBatch(encodePairs(sample, vocabularies));
    const { logits, attention } = model.forward(batch.source, batch.sourceMask, batch.targetInput);
    expect(attention?.shape).toEqual([2, 11, 15]); // 10 characters + <END>; "Wed, 3 Mar 2021" has 15
    const weights = (attention as Tensor).arraySync() as number[][][];
    for (const [b, row] of weights.entries()) {
      for (const step of row) expect(step.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 5);
      // the shorter source is padded to 15: no weight on its 3 padded steps
      if (b === 1) for (const step of row) expect(step.slice(12).every((w) => w === 0)).toBe(true);
    }
    // writing the year's last digit "1" (output step 3), the model looks mostly at "2021" in the source
    const yearStart = [11, 8];
    weights.forEach((row, b) => {
      const step = row[3] as number[];
      const onYear = step
        .slice(yearStart[b], (yearStart[b] as number) + 4)
        .reduce((x, y) => x + y, 0);
      expect(onYear).toBeGreaterThan(0.5);
    });
    dispose([batch, logits, attention]);
  });
});

function gatherRows(t: Tensor, rows: Tensor): Tensor {
  return tidy(() => {
    const values = t.arraySync() as number[][];
    const picked = Array.from(rows.dataSync()).map((r) => values[r] as number[]);
    return tensor(picked, [picked.length, t.shape[1] as number], t.dtype);
  });
}
