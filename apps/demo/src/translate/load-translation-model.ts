import { Vocab } from "@rnnkit/data-seq";
import type { Seq2Seq } from "@rnnkit/seq2seq";
import type { CheckpointContent } from "../checkpoint/checkpoint-content.js";
import { unpackTrainingState } from "../checkpoint/unpack-training-state.js";
import { makeSeq2Seq } from "./make-seq2seq.js";
import type { TranslationHeader } from "./translation-header.js";

/** The model, vocabularies and header of a seq2seq checkpoint, in evaluation mode. */
export function loadTranslationModel(
  content: CheckpointContent,
  path: string,
): { model: Seq2Seq; vocabs: { source: Vocab; target: Vocab }; header: TranslationHeader } {
  const header = content.header as unknown as TranslationHeader;
  const vocabs = {
    source: Vocab.fromJSON(header.vocabs.source),
    target: Vocab.fromJSON(header.vocabs.target),
  };
  const model = makeSeq2Seq(header.config, vocabs.source.size, vocabs.target.size);
  unpackTrainingState(content, path, model);
  model.eval();
  return { model, vocabs, header };
}
