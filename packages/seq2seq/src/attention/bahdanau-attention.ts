import { add, type Dtype, type Rng, reshape, type Tensor, tanh } from "@rnnkit/core-tensor";
import { Dense } from "@rnnkit/layers-recurrent";
import { Attention } from "./attention.js";

export interface BahdanauAttentionOptions {
  /** Size D of the encoder outputs. */
  memorySize: number;
  /** Size Q of the decoder state used as the query. */
  querySize: number;
  /** Size A of the hidden layer of the score (default querySize). */
  attentionSize?: number;
  dtype?: Dtype;
  rng?: Rng;
}

/**
 * Additive attention (Bahdanau, Cho & Bengio 2015):
 *   e_tj = vᵀ tanh(W_q q_t + b + W_k h_j)
 * W_k h_j is computed once per source (the keys). Parameters: query.weight [A, Q], query.bias [A],
 * key.weight [A, D], score.weight [1, A].
 */
export class BahdanauAttention extends Attention {
  readonly attentionSize: number;
  readonly query: Dense;
  readonly key: Dense;
  readonly score: Dense;

  constructor(options: BahdanauAttentionOptions) {
    super("BahdanauAttention", options.memorySize, options.querySize);
    this.attentionSize = options.attentionSize ?? options.querySize;
    const common = { dtype: options.dtype, rng: options.rng };
    const A = this.attentionSize;
    this.query = this.registerModule(
      "query",
      new Dense({ inputSize: this.querySize, outputSize: A, ...common }),
    );
    this.key = this.registerModule(
      "key",
      new Dense({ inputSize: this.memorySize, outputSize: A, bias: false, ...common }),
    );
    this.score = this.registerModule(
      "score",
      new Dense({ inputSize: A, outputSize: 1, bias: false, ...common }),
    );
  }

  protected prepareKeys(values: Tensor): Tensor {
    return this.key.forward(values); // W_k h_j: [N, S, A]
  }

  protected scores(query: Tensor, keys: Tensor): Tensor {
    const [N, T] = query.shape as [number, number, number];
    const S = keys.shape[1] as number;
    const A = this.attentionSize;
    const projected = reshape(this.query.forward(query), [N, T, 1, A]); // W_q q_t + b
    const hidden = tanh(add(projected, reshape(keys, [N, 1, S, A]))); // [N, T, S, A]
    return reshape(this.score.forward(hidden), [N, T, S]); // vᵀ tanh(…)
  }
}
