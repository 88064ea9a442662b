import { dispose, logSoftmax, RnnkitError, type Tensor, tensor, tidy } from "@rnnkit/core-tensor";
import { selectMemoryRows } from "../attention/select-memory-rows.js";
import type { DecoderState } from "../model/decoder.js";
import type { Seq2Seq } from "../model/seq2seq.js";
import type { DecodeOptions, Hypothesis } from "./decode-options.js";

export interface BeamSearchOptions extends DecodeOptions {
  /** Hypotheses kept per source, K (default 5; 1 is greedy decoding). */
  beamWidth?: number;
  /**
   * α of the length normalization: finished hypotheses are ranked by log p(Y | x) / |Y|^α, |Y|
   * counting <END>. 0 ranks by log-probability alone (favours short outputs), 1 (default) by the
   * mean log-probability per token.
   */
  lengthNormalization?: number;
}

export interface BeamHypothesis extends Hypothesis {
  /** log p / |Y|^α: what the hypotheses were ranked by. */
  score: number;
}

export interface BeamSearchResult {
  /** The best hypothesis of every source. */
  best: BeamHypothesis[];
  /** Every finished hypothesis of every source, best first (up to beamWidth, more when cut at maxLength). */
  hypotheses: BeamHypothesis[][];
}

interface Beam {
  tokens: number[];
  logProbability: number;
  attention: number[][] | undefined;
}

/**
 * Beam search: keeps the K most probable partial outputs of every source. Each step extends each
 * of them by every token, scores log p(y_≤t | x) = log p(y_<t | x) + log p(y_t | y_<t, x), and keeps
 * the K best extensions; one that writes <END> is finished and leaves the beam. A source is done
 * when K hypotheses have finished (or after `maxLength` steps, when the open ones count too). All
 * sources are searched together, as B·K rows of one batch.
 */
export function beamSearch(
  model: Seq2Seq,
  source: Tensor,
  sourceMask: Tensor | undefined,
  options: BeamSearchOptions,
): BeamSearchResult {
  const where = "beamSearch";
  const { maxLength } = options;
  const K = options.beamWidth ?? 5;
  const alpha = options.lengthNormalization ?? 1;
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new RnnkitError(where, `maxLength must be a positive integer, got ${String(maxLength)}`);
  }
  if (!Number.isInteger(K) || K < 1) {
    throw new RnnkitError(where, `beamWidth must be a positive integer, got ${String(K)}`);
  }
  if (typeof alpha !== "number" || !(alpha >= 0)) {
    throw new RnnkitError(where, `lengthNormalization must be a number ≥ 0, got ${String(alpha)}`);
  }
  const start = options.startToken ?? 1;
  const end = options.endToken ?? 2;
  const normalized = (logProbability: number, length: number): number =>
    logProbability / length ** alpha; // log p / |Y|^α
  const wasTraining = model.training;
  model.eval();
  try {
    return tidy(() => {
      const encoded = model.encode(source, sourceMask);
      const B = encoded.batchSize;
      const S = encoded.sourceLength;
      const V = model.decoder.vocabSize;
      const N = B * K;
      const withAttention = encoded.memory !== undefined;
      // row b·K + k holds hypothesis k of source b
      const tiled = tensor(
        Int32Array.from({ length: N }, (_, i) => Math.floor(i / K)),
        [N],
        "int32",
      );
      const memory = encoded.memory && selectMemoryRows(encoded.memory, tiled);
      let state: DecoderState = model.decoder.selectState(encoded.state, tiled);
      // only hypothesis 0 is open at first (the K copies are the same)
      const beams: (Beam | undefined)[][] = Array.from({ length: B }, () =>
        Array.from({ length: K }, (_, k) =>
          k === 0
            ? { tokens: [], logProbability: 0, attention: withAttention ? [] : undefined }
            : undefined,
        ),
      );
      const finished: BeamHypothesis[][] = Array.from({ length: B }, () => []);
      const done = new Array<boolean>(B).fill(false);
      let tokens = new Int32Array(N).fill(start);
      for (let t = 0; t < maxLength && done.some((d) => !d); t++) {
        const step = tidy(() => {
          const out = model.decoder.step(tensor(tokens, [N], "int32"), state, memory);
          return { state: out.state, logp: logSoftmax(out.logits, -1), weights: out.weights };
        });
        const logp = step.logp.dataSync();
        const weights = step.weights?.dataSync();
        const parents = Int32Array.from({ length: N }, (_, i) => i);
        const next = new Int32Array(N).fill(end);
        for (let b = 0; b < B; b++) {
          if (done[b]) continue;
          // the 2K best (beam, token) extensions: enough to refill K open beams after <END>s leave
          const candidates: { k: number; token: number; logProbability: number }[] = [];
          const keep = 2 * K;
          (beams[b] as (Beam | undefined)[]).forEach((beam, k) => {
            if (beam === undefined) return;
            const row = (b * K + k) * V;
            for (let v = 0; v < V; v++) {
              const logProbability = beam.logProbability + (logp[row + v] as number);
              if (
                candidates.length === keep &&
                logProbability <=
                  (candidates[keep - 1] as { logProbability: number }).logProbability
              )
                continue;
              let i = Math.min(candidates.length, keep - 1);
              candidates[i] = { k, token: v, logProbability };
              // insertion into the sorted list (best first)
              while (
                i > 0 &&
                (candidates[i - 1] as { logProbability: number }).logProbability < logProbability
              ) {
                const swap = candidates[i - 1] as (typeof candidates)[number];
                candidates[i - 1] = candidates[i] as (typeof candidates)[number];
                candidates[i] = swap;
                i--;
              }
            }
          });
          const open: Beam[] = [];
          for (const candidate of candidates) {
            if (open.length === K) break;
            const parent = (beams[b] as Beam[])[candidate.k] as Beam;
            const row = b * K + candidate.k;
            const attention =
              weights === undefined
                ? undefined
                : [
                    ...(parent.attention as number[][]),
                    Array.from(weights.subarray(row * S, (row + 1) * S)),
                  ];
            if (candidate.token === end) {
              const length = parent.tokens.length + 1;
              finished[b]?.push({
                tokens: parent.tokens,
                logProbability: candidate.logProbability,
                ended: true,
                score: normalized(candidate.logProbability, length),
                ...(attention === undefined ? {} : { attention }),
              });
            } else {
              parents[b * K + open.length] = row;
              next[b * K + open.length] = candidate.token;
              open.push({
                tokens: [...parent.tokens, candidate.token],
                logProbability: candidate.logProbability,
                attention,
              });
            }
          }
          beams[b] = Array.from({ length: K }, (_, k) => open[k]);
          if ((finished[b] as BeamHypothesis[]).length >= K || open.length === 0) done[b] = true;
        }
        const previous = state;
        state = tidy(() => model.decoder.selectState(step.state, tensor(parents, [N], "int32")));
        dispose([previous, step]);
        tokens = next;
      }
      // sources cut at maxLength: their open hypotheses count as they are
      beams.forEach((row, b) => {
        if (done[b]) return;
        for (const beam of row) {
          if (beam === undefined) continue;
          finished[b]?.push({
            tokens: beam.tokens,
            logProbability: beam.logProbability,
            ended: false,
            score: normalized(beam.logProbability, Math.max(1, beam.tokens.length)),
            ...(beam.attention === undefined ? {} : { attention: beam.attention }),
          });
        }
      });
      const hypotheses = finished.map((list) => [...list].sort((x, y) => y.score - x.score));
      return { best: hypotheses.map((list) => list[0] as BeamHypothesis), hypotheses };
    });
  } finally {
    model.train(wasTraining);
  }
}
