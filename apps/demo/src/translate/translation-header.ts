import type { VocabLevel } from "@rnnkit/data-seq";
import type { AttentionType, CellType, TextPair } from "@rnnkit/seq2seq";
import type { TranslationScores } from "./score-translations.js";

/** The architecture of a translation model (saved in its checkpoint). */
export interface TranslationConfig {
  cell: CellType;
  hidden: number;
  embedding: number;
  layers: number;
  attention: AttentionType;
  bidirectional: boolean;
  seed: number;
}

/** The header of a seq2seq checkpoint. */
export interface TranslationHeader {
  config: TranslationConfig;
  sourceLevel: VocabLevel;
  targetLevel: VocabLevel;
  vocabs: { source: unknown; target: unknown };
  /** What the model was trained on. */
  data: string;
  /** The held-out pairs (evaluation set), saved so `translate eval` needs no data. */
  heldOut: Pick<TextPair, "source" | "target">[];
  /** Longest output decoded: the longest training target + 5 tokens. */
  maxLength: number;
  epochs: { epoch: number; loss: number; seconds: number; scores: TranslationScores }[];
}
