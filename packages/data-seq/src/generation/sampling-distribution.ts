import { RnnkitError, type Tensor } from "@rnnkit/core-tensor";
import { checkInteger } from "../internal/check-integer.js";
import { readLogits } from "../internal/read-logits.js";

export interface SamplingOptions {
  /** τ ≥ 0 (default 1): p ∝ exp(logit / τ); τ = 0 is greedy (argmax, lowest index on ties). */
  temperature?: number;
  /** Keep only the k most probable symbols (ties: lower index first). */
  topK?: number;
  /** Nucleus sampling, p in (0, 1]: keep the fewest most probable symbols whose mass reaches p. */
  topP?: number;
}

/**
 * The distribution `sampleFromLogits` draws from, in this order:
 *   1. temperature  p_i = exp((l_i − max l) / τ) / Σ_j exp((l_j − max l) / τ)   (τ = 0: one-hot argmax)
 *   2. top-k        p_i ← 0 outside the k largest, then renormalize
 *   3. top-p        sort p descending, keep the shortest prefix with Σ ≥ p, then renormalize
 * @example samplingDistribution([0, Math.log(3)], { temperature: 1 }) // [0.25, 0.75]
 */
export function samplingDistribution(
  logits: ArrayLike<number> | Tensor,
  options: SamplingOptions = {},
): Float64Array {
  return distributionOfLogits(readLogits("samplingDistribution", logits), options);
}

/** `samplingDistribution` of logits already read and checked by `readLogits`. */
export function distributionOfLogits(values: Float64Array, options: SamplingOptions): Float64Array {
  const where = "samplingDistribution";
  const temperature = options.temperature ?? 1;
  if (typeof temperature !== "number" || !(temperature >= 0) || !Number.isFinite(temperature)) {
    throw new RnnkitError(
      where,
      `temperature must be a finite number ≥ 0, got ${String(temperature)}`,
    );
  }
  const topK =
    options.topK === undefined ? values.length : checkInteger(where, "topK", options.topK, 1);
  const topP = options.topP ?? 1;
  if (typeof topP !== "number" || !(topP > 0 && topP <= 1)) {
    throw new RnnkitError(where, `topP must be in (0, 1], got ${String(topP)}`);
  }
  const n = values.length;
  const p = new Float64Array(n);
  let best = 0;
  for (let i = 1; i < n; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  if (temperature === 0) {
    p[best] = 1;
    return p;
  }
  const max = values[best] as number;
  for (let i = 0; i < n; i++) p[i] = Math.exp(((values[i] as number) - max) / temperature);
  if (topK >= n && topP >= 1) {
    // nothing is cut: no ranking needed
    normalize(p);
    return p;
  }
  // symbols by decreasing probability, lower index first among equals
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (p[b] as number) - (p[a] as number) || a - b,
  );
  for (const i of order.slice(topK)) p[i] = 0;
  normalize(p);
  if (topP < 1) {
    let mass = 0;
    let kept = 0;
    // keep symbols until the mass reaches topP (1e-12: the sum of floats may fall short by rounding)
    while (kept < n && mass < topP - 1e-12) mass += p[order[kept++] as number] as number;
    for (const i of order.slice(Math.max(kept, 1))) p[i] = 0;
    normalize(p);
  }
  return p;
}

function normalize(p: Float64Array): void {
  let total = 0;
  for (const v of p) total += v;
  for (let i = 0; i < p.length; i++) p[i] = (p[i] as number) / total;
}
