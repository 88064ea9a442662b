import { Vocab, type VocabFromCorpusOptions } from "@rnnkit/data-seq";
import type { TextPair } from "./text-pair.js";

export interface PairVocabulariesOptions {
  /** Options of the source vocabulary (level "char" or "word", minCount, maxSize, normalize). */
  source?: VocabFromCorpusOptions;
  target?: VocabFromCorpusOptions;
}

/** The two vocabularies of a parallel corpus. */
export interface PairVocabularies {
  source: Vocab;
  target: Vocab;
}

/**
 * Builds one vocabulary per side, each character- or word-level (default "char"), with data-seq's
 * reserved <PAD>=0, <START>=1, <END>=2, <UNK>=3.
 * @example pairVocabularies(pairs, { source: { level: "word" }, target: { level: "char" } })
 */
export function pairVocabularies(
  pairs: readonly Pick<TextPair, "source" | "target">[],
  options: PairVocabulariesOptions = {},
): PairVocabularies {
  return {
    source: Vocab.fromCorpus(
      pairs.map((p) => p.source),
      options.source,
    ),
    target: Vocab.fromCorpus(
      pairs.map((p) => p.target),
      options.target,
    ),
  };
}
