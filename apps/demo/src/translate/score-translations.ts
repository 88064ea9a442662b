import type { VocabLevel } from "@rnnkit/data-seq";
import { corpusBleu, errorRate, exactMatch } from "@rnnkit/seq2seq";

/** Exact match, error rate (characters or tokens) and corpus BLEU (0–100) of predictions. */
export interface TranslationScores {
  exactMatch: number;
  errorRate: number;
  bleu: number;
}

/** Scores predictions against references; `level` says what the error rate and BLEU count. */
export function scoreTranslations(
  predictions: readonly string[],
  references: readonly string[],
  level: VocabLevel,
): TranslationScores {
  const tokens = (text: string): string[] =>
    level === "word" ? text.split(/\s+/).filter((t) => t !== "") : [...text];
  const predicted = predictions.map(tokens);
  const expected = references.map(tokens);
  return {
    exactMatch: exactMatch(predicted, expected),
    errorRate: errorRate(predicted, expected),
    bleu: 100 * corpusBleu(predicted, expected, { smoothing: "add-one" }).bleu,
  };
}
