import { type Dtype, RnnkitError } from "@rnnkit/core-tensor";
import { padBatch, Vocab } from "@rnnkit/data-seq";
import type { Seq2SeqBatch } from "../model/seq2seq.js";
import type { EncodedPair } from "./encode-pairs.js";

export interface PairBatch extends Seq2SeqBatch {
  /** Number of pairs B. */
  size: number;
  sourceLengths: number[];
  /** Target lengths without <START>/<END>. */
  targetLengths: number[];
}

/**
 * Pads a list of encoded pairs into tensors: source int32 [B, S] (with <PAD>), targetInput
 * <START> y (int32 [B, T]), targetOutput y <END>, and their [B, ·] masks (1 = real step, 0 = padding)
 * in `maskDtype` (default float32: match the model). Dispose the batch (core's `dispose(batch)`).
 */
export function makePairBatch(
  pairs: readonly EncodedPair[],
  options: { maskDtype?: Dtype } = {},
): PairBatch {
  if (pairs.length === 0) throw new RnnkitError("makePairBatch", "no pairs given");
  pairs.forEach((p, i) => {
    if (p.source.length === 0 || p.target.length === 0) {
      throw new RnnkitError(
        "makePairBatch",
        `pair ${i} has an empty ${p.source.length === 0 ? "source" : "target"}`,
      );
    }
  });
  const maskDtype = options.maskDtype ?? "float32";
  const source = padBatch(
    pairs.map((p) => p.source),
    { maskDtype },
  );
  const targetInput = padBatch(
    pairs.map((p) => [Vocab.START, ...p.target]),
    { maskDtype },
  );
  const targetOutput = padBatch(
    pairs.map((p) => [...p.target, Vocab.END]),
    { maskDtype },
  );
  targetInput.mask.dispose();
  return {
    source: source.indices,
    sourceMask: source.mask,
    targetInput: targetInput.indices,
    targetOutput: targetOutput.indices,
    targetMask: targetOutput.mask,
    size: pairs.length,
    sourceLengths: source.lengths,
    targetLengths: pairs.map((p) => p.target.length),
  };
}
