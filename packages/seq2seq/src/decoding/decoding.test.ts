import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { gather, logSoftmax, memory, Rng, tensor, tidy } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import type { AttentionType } from "../model/attention-type.js";
import { Seq2Seq } from "../model/seq2seq.js";
import { beamSearch } from "./beam-search.js";
import type { Hypothesis } from "./decode-options.js";
import { greedyDecode } from "./greedy-decode.js";

registerCpuBackend();

const source = tensor(
  [
    [4, 5, 6, 7],
    [6, 4, 0, 0],
    [7, 7, 7, 0],
  ],
  [3, 4],
  "int32",
);
const mask = tensor(
  [
    [1, 1, 1, 1],
    [1, 1, 0, 0],
    [1, 1, 1, 0],
  ],
  [3, 4],
  "float64",
);

/** An untrained model whose output layer favours <END> a little, so that some outputs end. */
const model = (attention: AttentionType): Seq2Seq => {
  const m = new Seq2Seq({
    sourceVocabSize: 8,
    targetVocabSize: 6,
    embeddingDim: 4,
    hiddenSize: 6,
    cell: "gru",
    bidirectional: true,
    attention,
    dtype: "float64",
    rng: new Rng(3),
  });
  const bias = m.decoder.output.bias;
  if (bias) bias.assign(tensor([0, 0, 1.2, 0, 0.5, 0.3], [6], "float64"));
  return m;
};

/** log p(tokens (+ <END>) | source) from a teacher-forced pass: the score decoding must report. */
function teacherForcedLogProbability(m: Seq2Seq, row: number, hypothesis: Hypothesis): number {
  return tidy(() => {
    const written = hypothesis.ended ? [...hypothesis.tokens, 2] : hypothesis.tokens;
    const input = tensor([[1, ...written.slice(0, -1)]], [1, written.length], "int32");
    const rows = tensor([row], [1], "int32");
    const { logits } = m.forward(gather(source, rows, 0), gather(mask, rows, 0), input);
    const logp = logSoftmax(logits, -1).dataSync();
    return written.reduce((total, token, t) => total + (logp[t * 6 + token] as number), 0);
  });
}

describe("decoding", () => {
  for (const attention of ["none", "bahdanau", "luong-general"] as AttentionType[]) {
    it(`${attention}: greedy and beam hypotheses carry their exact log-probability`, () => {
      const m = model(attention);
      const greedy = greedyDecode(m, source, mask, { maxLength: 7 });
      expect(greedy.some((h) => h.ended)).toBe(true);
      greedy.forEach((h, b) => {
        expect(h.tokens.length).toBeLessThanOrEqual(7);
        expect(h.logProbability).toBeCloseTo(teacherForcedLogProbability(m, b, h), 10);
      });
      const beams = beamSearch(m, source, mask, { maxLength: 7, beamWidth: 3 });
      beams.hypotheses.forEach((list, b) => {
        for (const h of list)
          expect(h.logProbability).toBeCloseTo(teacherForcedLogProbability(m, b, h), 10);
        // ranked by the normalized score, best first
        for (let i = 1; i < list.length; i++)
          expect(list[i - 1]?.score).toBeGreaterThanOrEqual(list[i]?.score as number);
      });
    });
  }

  it("a beam of width 1 is greedy decoding", () => {
    const m = model("bahdanau");
    const greedy = greedyDecode(m, source, mask, { maxLength: 8 });
    const beam = beamSearch(m, source, mask, {
      maxLength: 8,
      beamWidth: 1,
      lengthNormalization: 0,
    });
    expect(beam.best.map((h) => h.tokens)).toEqual(greedy.map((h) => h.tokens));
    beam.best.forEach((h, b) => {
      expect(h.logProbability).toBeCloseTo(greedy[b]?.logProbability as number, 12);
    });
  });

  it("without length normalization the best hypothesis is the most probable one found", () => {
    const m = model("luong-general");
    const result = beamSearch(m, source, mask, {
      maxLength: 6,
      beamWidth: 4,
      lengthNormalization: 0,
    });
    result.hypotheses.forEach((list, b) => {
      const best = Math.max(...list.map((h) => h.logProbability));
      expect(result.best[b]?.logProbability).toBe(best);
      expect(list.length).toBeGreaterThanOrEqual(1);
    });
  });

  it("returns one attention row per step, each a distribution over the real source steps", () => {
    const m = model("bahdanau");
    const lengths = [4, 2, 3];
    for (const h of [
      ...greedyDecode(m, source, mask, { maxLength: 5 }),
      ...beamSearch(m, source, mask, { maxLength: 5, beamWidth: 2 }).best,
    ]) {
      expect(h.attention?.length).toBe(h.tokens.length + (h.ended ? 1 : 0));
    }
    greedyDecode(m, source, mask, { maxLength: 5 }).forEach((h, b) => {
      for (const row of h.attention ?? []) {
        expect(row).toHaveLength(4);
        expect(row.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
        expect(row.slice(lengths[b]).every((w) => w === 0)).toBe(true);
      }
    });
  });

  it("leaves the model's mode and the number of live tensors as they were", () => {
    const m = model("luong-general");
    m.train();
    const before = memory().numTensors;
    greedyDecode(m, source, mask, { maxLength: 4 });
    beamSearch(m, source, mask, { maxLength: 4, beamWidth: 2 });
    expect(m.training).toBe(true);
    expect(memory().numTensors).toBe(before);
  });

  it("rejects bad options", () => {
    const m = model("none");
    expect(() => greedyDecode(m, source, mask, { maxLength: 0 })).toThrow(
      /maxLength must be a positive integer/,
    );
    expect(() => beamSearch(m, source, mask, { maxLength: 3, beamWidth: 0 })).toThrow(
      /beamWidth must be a positive integer/,
    );
    expect(() => beamSearch(m, source, mask, { maxLength: 3, lengthNormalization: -1 })).toThrow(
      /lengthNormalization/,
    );
  });
});
