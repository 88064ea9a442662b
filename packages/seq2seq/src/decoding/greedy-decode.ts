import { logSoftmax, RnnkitError, type Tensor, tensor, tidy } from "@rnnkit/core-tensor";
import type { DecoderState } from "../model/decoder.js";
import type { Seq2Seq } from "../model/seq2seq.js";
import type { DecodeOptions, Hypothesis } from "./decode-options.js";

/**
 * Greedy decoding: at every step the most probable token, ŷ_t = argmax_y p(y | ŷ_<t, x), fed back
 * as the next input, until <END> or `maxLength` steps. Decodes a whole batch at once; the model is
 * put in eval mode while it runs.
 */
export function greedyDecode(
  model: Seq2Seq,
  source: Tensor,
  sourceMask: Tensor | undefined,
  options: DecodeOptions,
): Hypothesis[] {
  const { maxLength } = options;
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new RnnkitError(
      "greedyDecode",
      `maxLength must be a positive integer, got ${String(maxLength)}`,
    );
  }
  const start = options.startToken ?? 1;
  const end = options.endToken ?? 2;
  const wasTraining = model.training;
  model.eval();
  try {
    return tidy(() => {
      const encoded = model.encode(source, sourceMask);
      const B = encoded.batchSize;
      const V = model.decoder.vocabSize;
      const results: Hypothesis[] = Array.from({ length: B }, () => ({
        tokens: [],
        logProbability: 0,
        ended: false,
        ...(encoded.memory === undefined ? {} : { attention: [] }),
      }));
      let tokens = new Int32Array(B).fill(start);
      let state: DecoderState = encoded.state;
      for (let t = 0; t < maxLength && results.some((r) => !r.ended); t++) {
        const step = tidy(() => {
          const out = model.decoder.step(tensor(tokens, [B], "int32"), state, encoded.memory);
          return { state: out.state, logp: logSoftmax(out.logits, -1), weights: out.weights };
        });
        if (state !== encoded.state) disposeState(state);
        state = step.state;
        const logp = step.logp.dataSync();
        const weights = step.weights?.dataSync();
        const S = encoded.sourceLength;
        const next = new Int32Array(B);
        results.forEach((r, b) => {
          if (r.ended) return;
          let best = 0;
          for (let v = 1; v < V; v++) {
            if ((logp[b * V + v] as number) > (logp[b * V + best] as number)) best = v;
          }
          r.logProbability += logp[b * V + best] as number;
          if (weights !== undefined)
            r.attention?.push(Array.from(weights.subarray(b * S, (b + 1) * S)));
          if (best === end) r.ended = true;
          else r.tokens.push(best);
          next[b] = best;
        });
        step.logp.dispose();
        step.weights?.dispose();
        tokens = next;
      }
      return results;
    });
  } finally {
    model.train(wasTraining);
  }
}

function disposeState(state: DecoderState): void {
  for (const layer of state.layers) for (const s of layer) s.dispose();
  state.feed?.dispose();
}
