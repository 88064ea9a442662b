import { type Rng, RnnkitError } from "@rnnkit/core-tensor";
import { shuffled } from "./shuffled.js";

export interface TrainValidationSplitOptions {
  /** Share of the items for validation, in [0, 1). */
  validationFraction: number;
  /**
   * Shuffle before splitting, with this seed or generator. Without it the split is contiguous:
   * train = the head, validation = the tail (what a corpus or a time series needs).
   */
  shuffle?: Rng | number;
}

export interface TrainValidationSplit<T> {
  train: T[];
  validation: T[];
}

/**
 * Splits items (samples, or the symbols of a corpus) into train and validation parts; the
 * validation part has round(n · validationFraction) items.
 * @example trainValidationSplit("abcdefghij".split(""), { validationFraction: 0.2 }) // …, validation ["i","j"]
 */
export function trainValidationSplit<T>(
  items: ArrayLike<T>,
  options: TrainValidationSplitOptions,
): TrainValidationSplit<T> {
  const where = "trainValidationSplit";
  const fraction = options.validationFraction;
  if (typeof fraction !== "number" || !(fraction >= 0 && fraction < 1)) {
    throw new RnnkitError(where, `validationFraction must be in [0, 1), got ${String(fraction)}`);
  }
  const n = items.length;
  if (n === 0) throw new RnnkitError(where, "nothing to split: no items");
  const validationCount = Math.round(n * fraction);
  if (validationCount >= n) {
    throw new RnnkitError(
      where,
      `validationFraction ${fraction} of ${n} items leaves no training items`,
    );
  }
  const ordered =
    options.shuffle === undefined ? Array.from(items) : shuffled(items, options.shuffle);
  return {
    train: ordered.slice(0, n - validationCount),
    validation: ordered.slice(n - validationCount),
  };
}
