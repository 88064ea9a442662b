import type { Rng, Tensor } from "@rnnkit/core-tensor";
import { readLogits } from "../internal/read-logits.js";
import { toRng } from "../internal/to-rng.js";
import { distributionOfLogits, type SamplingOptions } from "./sampling-distribution.js";

export interface SampleFromLogitsOptions extends SamplingOptions {
  /** Seed, core-tensor `Rng`, or anything with next() ∈ [0, 1) (default: the global generator). */
  rng?: Rng | number | { next(): number };
}

/**
 * Draws one symbol index from logits after temperature, top-k and top-p (see
 * `samplingDistribution`): the first i with u < p_0 + … + p_i, u = rng.next(). Temperature 0 is
 * greedy and draws no random number.
 * @example sampleFromLogits([1, 5, 2], { temperature: 0 }) // 1
 */
export function sampleFromLogits(
  logits: ArrayLike<number> | Tensor,
  options: SampleFromLogitsOptions = {},
): number {
  return sampleFromReadLogits(readLogits("samplingDistribution", logits), options);
}

/** `sampleFromLogits` of logits already read and checked by `readLogits`. */
export function sampleFromReadLogits(
  values: Float64Array,
  options: SampleFromLogitsOptions,
): number {
  const p = distributionOfLogits(values, options);
  if (options.temperature === 0) return p.indexOf(1);
  const source = options.rng;
  const rng =
    source !== undefined && typeof source === "object" && typeof source.next === "function"
      ? source
      : toRng("sampleFromLogits", source as Rng | number | undefined);
  const u = rng.next();
  let cumulative = 0;
  let last = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] as number;
    if (pi === 0) continue;
    cumulative += pi;
    last = i;
    if (u < cumulative) return i;
  }
  return last; // u ≥ Σp only by rounding
}
