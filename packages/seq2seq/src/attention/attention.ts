import { add, matMul, mul, reshape, softmax, sub, type Tensor } from "@rnnkit/core-tensor";
import { Module } from "@rnnkit/layers-recurrent";

/**
 * The encoder outputs an attention reads, prepared once per source batch: `values` h_j [N, S, D],
 * `keys` (whatever the score needs precomputed from h_j, e.g. W_k h_j), and `bias` [N, 1, S]
 * (0 at real source steps, −1e9 at padding) added to the scores before the softmax.
 */
export interface AttentionMemory {
  values: Tensor;
  keys: Tensor;
  bias?: Tensor;
}

/** What one attention read returns. */
export interface AttentionResult {
  /** c = Σ_j α_j h_j: [N, D] for a [N, Q] query, [N, T, D] for [N, T, Q]. */
  context: Tensor;
  /** α: [N, S] or [N, T, S]; each row sums to 1 over the real source steps. */
  weights: Tensor;
}

/**
 * An attention mechanism: scores every encoder output h_j against a decoder query q, turns the
 * scores into weights with a softmax over j, and returns the weighted sum of the h_j.
 * Subclasses only write `prepareKeys` and `scores`.
 */
export abstract class Attention extends Module {
  /** Size D of the encoder outputs (the values). */
  readonly memorySize: number;
  /** Size Q of the decoder query. */
  readonly querySize: number;

  constructor(name: string, memorySize: number, querySize: number) {
    super(name);
    this.memorySize = memorySize;
    this.querySize = querySize;
  }

  /** Precomputes the keys from the values [N, S, D]. */
  protected abstract prepareKeys(values: Tensor): Tensor;

  /** Scores e [N, T, S] of queries [N, T, Q] against prepared keys. */
  protected abstract scores(query: Tensor, keys: Tensor): Tensor;

  /** Prepares encoder outputs [N, S, D] (and their [N, S] mask) for any number of reads. */
  prepare(values: Tensor, mask?: Tensor): AttentionMemory {
    const [N, S] = values.shape as [number, number, number];
    const keys = this.prepareKeys(values);
    // without padding the bias would add 0 everywhere: leave it out
    if (mask === undefined || !mask.dataSync().some((m) => m === 0)) return { values, keys };
    // (m − 1)·1e9: 0 where m = 1, −1e9 at padding, so exp(e_j + bias_j) = 0 there
    const bias = reshape(mul(sub(mask, 1), 1e9), [N, 1, S]);
    return { values, keys, bias };
  }

  /** Reads the memory with a query [N, Q] (one step) or [N, T, Q] (T steps at once). */
  attend(query: Tensor, memory: AttentionMemory): AttentionResult {
    const single = query.rank === 2;
    const [N] = query.shape as [number];
    const q = single ? reshape(query, [N, 1, this.querySize]) : query;
    let e = this.scores(q, memory.keys);
    if (memory.bias !== undefined) e = add(e, memory.bias);
    const weights = softmax(e, -1); // α_tj = exp(e_tj) / Σ_k exp(e_tk)
    const context = matMul(weights, memory.values); // c_t = Σ_j α_tj h_j
    if (!single) return { context, weights };
    const S = memory.values.shape[1] as number;
    return {
      context: reshape(context, [N, this.memorySize]),
      weights: reshape(weights, [N, S]),
    };
  }
}
