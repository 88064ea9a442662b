import { type Rng, RnnkitError } from "@rnnkit/core-tensor";
import { checkInteger } from "../internal/check-integer.js";
import { toRng } from "../internal/to-rng.js";
import { shuffled } from "./shuffled.js";

export interface BucketByLengthOptions {
  batchSize: number;
  /**
   * Seed or generator: sequences of equal length are shuffled among themselves and the batches
   * come in a random order. Without it: shortest first, ties in input order.
   */
  shuffle?: Rng | number;
  /** Leave out the one batch smaller than batchSize (default false). */
  dropLast?: boolean;
}

/**
 * Length bucketing: batches of indices of sequences with similar lengths, so padding is small.
 * The sequences are sorted by length and cut into batches of `batchSize`; every index appears once.
 * Pad each batch with `padBatch(batch.map((i) => sequences[i]))`.
 * @example bucketByLength([[1, 2, 3], [4], [5, 6, 7], [8]], { batchSize: 2 }) // [[1, 3], [0, 2]]
 */
export function bucketByLength(
  sequences: readonly ArrayLike<unknown>[],
  options: BucketByLengthOptions,
): number[][] {
  const where = "bucketByLength";
  const batchSize = checkInteger(where, "batchSize", options.batchSize, 1);
  const n = sequences.length;
  if (n === 0) throw new RnnkitError(where, "no sequences given");
  if (options.dropLast && batchSize > n) {
    throw new RnnkitError(
      where,
      `batch of ${batchSize} is larger than the ${n} sequences and dropLast leaves nothing`,
    );
  }
  const rng = options.shuffle === undefined ? undefined : toRng(where, options.shuffle);
  const order = Array.from({ length: n }, (_, i) => i);
  const candidates = rng === undefined ? order : shuffled(order, rng);
  // Array.prototype.sort is stable: equal lengths keep the (shuffled) order
  candidates.sort((a, b) => (sequences[a]?.length as number) - (sequences[b]?.length as number));
  let batches: number[][] = [];
  for (let s = 0; s < n; s += batchSize) batches.push(candidates.slice(s, s + batchSize));
  if (options.dropLast && (batches.at(-1)?.length as number) < batchSize) batches.pop();
  if (rng !== undefined) batches = shuffled(batches, rng);
  return batches;
}
