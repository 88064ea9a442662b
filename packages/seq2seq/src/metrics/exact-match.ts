import { checkPairs } from "./check-pairs.js";
import { symbolsOf } from "./symbols-of.js";

/**
 * Share of predictions exactly equal to their reference (strings, or arrays element by element).
 * For G2P, 1 − exactMatch is the word error rate (WER).
 * @example exactMatch(["2021-03-03", "2021-03-04"], ["2021-03-03", "2021-04-03"]) // 0.5
 */
export function exactMatch<T>(
  predictions: readonly (string | readonly T[])[],
  references: readonly (string | readonly T[])[],
): number {
  checkPairs("exactMatch", predictions, references);
  let same = 0;
  predictions.forEach((prediction, i) => {
    const x = symbolsOf(prediction);
    const y = symbolsOf(references[i] as string | readonly T[]);
    if (x.length === y.length && x.every((s, k) => s === y[k])) same++;
  });
  return same / predictions.length;
}
