import { RnnkitError } from "@rnnkit/core-tensor";
import type { EncodeOptions } from "@rnnkit/data-seq";
import type { PairVocabularies } from "./pair-vocabularies.js";
import type { TextPair } from "./text-pair.js";

/** A pair as indices (no <START>/<END>: `makePairBatch` adds them). */
export interface EncodedPair {
  source: number[];
  target: number[];
}

/**
 * Encodes pairs with their vocabularies. Unknown symbols are an error naming the pair's line
 * (default) or become <UNK> (`unknown: "unk"`).
 */
export function encodePairs(
  pairs: readonly (Pick<TextPair, "source" | "target"> & { line?: number })[],
  vocabularies: PairVocabularies,
  options: Pick<EncodeOptions, "unknown"> = {},
): EncodedPair[] {
  return pairs.map((pair) => {
    try {
      return {
        source: vocabularies.source.encode(pair.source, options),
        target: vocabularies.target.encode(pair.target, options),
      };
    } catch (error) {
      const line = pair.line;
      if (!line || !(error instanceof Error)) throw error;
      throw new RnnkitError("encodePairs", `line ${line}: ${error.message}`);
    }
  });
}
