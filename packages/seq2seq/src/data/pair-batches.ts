import type { Dtype, Rng } from "@rnnkit/core-tensor";
import { batchIndices, bucketByLength } from "@rnnkit/data-seq";
import type { EncodedPair } from "./encode-pairs.js";
import { makePairBatch, type PairBatch } from "./make-pair-batch.js";

export interface PairBatchesOptions {
  batchSize: number;
  /** Seed or generator: shuffle the pairs (and the batch order). Default: in order. */
  shuffle?: Rng | number;
  /**
   * Group pairs of similar source length (data-seq's `bucketByLength`), so batches need little
   * padding (default true).
   */
  bucket?: boolean;
  /** Leave out a last batch smaller than batchSize (default false). */
  dropLast?: boolean;
  maskDtype?: Dtype;
}

/**
 * One epoch of padded batches (see `makePairBatch`), made lazily: dispose each batch after use.
 * `indices` lists which pairs a batch holds.
 */
export function* pairBatches(
  pairs: readonly EncodedPair[],
  options: PairBatchesOptions,
): Generator<PairBatch & { indices: number[] }> {
  const groups =
    (options.bucket ?? true)
      ? bucketByLength(
          pairs.map((p) => p.source),
          { batchSize: options.batchSize, shuffle: options.shuffle, dropLast: options.dropLast },
        )
      : batchIndices(pairs.length, {
          batchSize: options.batchSize,
          shuffle: options.shuffle,
          dropLast: options.dropLast,
        });
  for (const indices of groups) {
    const batch = makePairBatch(
      indices.map((i) => pairs[i] as EncodedPair),
      { maskDtype: options.maskDtype },
    );
    yield { ...batch, indices };
  }
}
