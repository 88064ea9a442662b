import { type Dtype, matMul, type Rng, RnnkitError, type Tensor } from "@rnnkit/core-tensor";
import { Dense } from "@rnnkit/layers-recurrent";
import { Attention } from "./attention.js";

/** Luong's multiplicative scores: "dot" qᵀh_j, "general" qᵀW_a h_j. */
export type LuongScore = "dot" | "general";

export interface LuongAttentionOptions {
  /** Size D of the encoder outputs. */
  memorySize: number;
  /** Size Q of the decoder state used as the query ("dot" needs Q = D). */
  querySize: number;
  score?: LuongScore;
  dtype?: Dtype;
  rng?: Rng;
}

/**
 * Multiplicative (global) attention of Luong, Pham & Manning (2015), queried with the current
 * decoder state:
 *   dot:     e_tj = q_tᵀ h_j
 *   general: e_tj = q_tᵀ W_a h_j      (W_a h_j computed once per source: weight [Q, D])
 */
export class LuongAttention extends Attention {
  readonly score: LuongScore;
  readonly weight: Dense | undefined;

  constructor(options: LuongAttentionOptions) {
    super("LuongAttention", options.memorySize, options.querySize);
    this.score = options.score ?? "general";
    if (this.score !== "dot" && this.score !== "general") {
      throw new RnnkitError(
        this.name,
        `score must be "dot" or "general", got ${String(this.score)}`,
      );
    }
    if (this.score === "dot" && this.memorySize !== this.querySize) {
      throw new RnnkitError(
        this.name,
        `the "dot" score needs the encoder output size (${this.memorySize}) to equal the decoder hidden size (${this.querySize}); use "general"`,
      );
    }
    this.weight =
      this.score === "general"
        ? this.registerModule(
            "general",
            new Dense({
              inputSize: this.memorySize,
              outputSize: this.querySize,
              bias: false,
              dtype: options.dtype,
              rng: options.rng,
            }),
          )
        : undefined;
  }

  protected prepareKeys(values: Tensor): Tensor {
    return this.weight === undefined ? values : this.weight.forward(values); // h_j or W_a h_j
  }

  protected scores(query: Tensor, keys: Tensor): Tensor {
    return matMul(query, keys, false, true); // [N, T, Q] · [N, S, Q]ᵀ → [N, T, S]
  }
}
