import { Rng } from "@rnnkit/core-tensor";
import { Seq2Seq } from "@rnnkit/seq2seq";
import type { TranslationConfig } from "./translation-header.js";

/** The encoder–decoder a translation config describes, its weights drawn from the config's seed. */
export function makeSeq2Seq(
  config: TranslationConfig,
  sourceVocabSize: number,
  targetVocabSize: number,
): Seq2Seq {
  return new Seq2Seq({
    sourceVocabSize,
    targetVocabSize,
    embeddingDim: config.embedding,
    hiddenSize: config.hidden,
    numLayers: config.layers,
    cell: config.cell,
    bidirectional: config.bidirectional,
    attention: config.attention,
    rng: new Rng(config.seed),
  });
}
