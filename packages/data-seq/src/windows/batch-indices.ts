import { type Rng, RnnkitError } from "@rnnkit/core-tensor";
import { checkInteger } from "../internal/check-integer.js";
import { shuffled } from "./shuffled.js";

export interface BatchIndicesOptions {
  batchSize: number;
  /** Shuffle with this seed or generator first (default: in order). */
  shuffle?: Rng | number;
  /** Leave out a last batch smaller than batchSize (default false). */
  dropLast?: boolean;
}

/**
 * Mini-batches of sample indices 0 … count−1: every index once, batches of `batchSize` (the last
 * may be smaller unless dropLast).
 * @example batchIndices(5, { batchSize: 2 }) // [[0, 1], [2, 3], [4]]
 */
export function batchIndices(count: number, options: BatchIndicesOptions): number[][] {
  const where = "batchIndices";
  checkInteger(where, "count", count, 0);
  const batchSize = checkInteger(where, "batchSize", options.batchSize, 1);
  if (options.dropLast && batchSize > count) {
    throw new RnnkitError(
      where,
      `batch of ${batchSize} is larger than the ${count} samples and dropLast leaves nothing`,
    );
  }
  const order = Array.from({ length: count }, (_, i) => i);
  const indices = options.shuffle === undefined ? order : shuffled(order, options.shuffle);
  const batches: number[][] = [];
  for (let s = 0; s < count; s += batchSize) {
    const batch = indices.slice(s, s + batchSize);
    if (batch.length < batchSize && options.dropLast) break;
    batches.push(batch);
  }
  return batches;
}
