/** Options shared by greedy decoding and beam search. */
export interface DecodeOptions {
  /** Most decoder steps (tokens emitted, <END> included). */
  maxLength: number;
  /** Token that starts every target (default 1, data-seq's <START>). */
  startToken?: number;
  /** Token that ends a target (default 2, data-seq's <END>). */
  endToken?: number;
}

/** One decoded sequence. */
export interface Hypothesis {
  /** The tokens written, <END> left out. */
  tokens: number[];
  /** log p(tokens, <END> | source) = Σ_t log p(y_t | y_<t, x) over the steps taken. */
  logProbability: number;
  /** Whether the decoder wrote <END> (false: cut at maxLength). */
  ended: boolean;
  /** Attention weights of every step taken (<END>'s included): [steps][S]. */
  attention?: number[][];
}
