import { RnnkitError } from "@rnnkit/core-tensor";
import { checkPairs } from "./check-pairs.js";
import { editDistance } from "./edit-distance.js";
import { symbolsOf } from "./symbols-of.js";

/**
 * Corpus error rate: total edit distance over total reference length,
 *   ER = Σ_i lev(prediction_i, reference_i) / Σ_i |reference_i|
 * Strings give the character error rate (CER); token arrays the token error rate (a word error
 * rate for words, the phoneme error rate PER for phonemes). Can exceed 1 (long wrong outputs).
 * @example errorRate(["kitten"], ["sitting"]) // 3 / 7
 */
export function errorRate<T>(
  predictions: readonly (string | readonly T[])[],
  references: readonly (string | readonly T[])[],
): number {
  checkPairs("errorRate", predictions, references);
  let edits = 0;
  let length = 0;
  predictions.forEach((prediction, i) => {
    const reference = references[i] as string | readonly T[];
    edits += editDistance(prediction, reference);
    length += symbolsOf(reference).length;
  });
  if (length === 0) throw new RnnkitError("errorRate", "every reference is empty");
  return edits / length;
}
