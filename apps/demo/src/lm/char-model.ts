import { type Rng, slice, type Tensor } from "@rnnkit/core-tensor";
import {
  Dense,
  dropout,
  Embedding,
  GRU,
  LSTM,
  Module,
  type RecurrentLayer,
  SimpleRNN,
} from "@rnnkit/layers-recurrent";
import type { CharModelConfig } from "./char-model-config.js";

/** The carried state: h (and c for an LSTM), each [layers, B, H]. */
export interface RecurrentState {
  h: Tensor;
  c?: Tensor;
}

/**
 * A character language model: embedding → stacked recurrent layers → a dense layer giving the
 * logits of the next character at every step:
 *   e_t = E[x_t],  h_t^(l) = cell(h_{t−1}^(l), h_t^(l−1)),  logits_t = W_y h_t^(L) + b_y
 */
export class CharModel extends Module {
  readonly config: CharModelConfig;
  readonly embedding: Embedding;
  readonly recurrent: RecurrentLayer;
  readonly head: Dense;
  private readonly rng: Rng;

  constructor(config: CharModelConfig, rng: Rng) {
    super("CharModel");
    this.config = config;
    this.rng = rng;
    this.embedding = this.registerModule(
      "embedding",
      new Embedding({ numEmbeddings: config.vocabSize, embeddingDim: config.embedding, rng }),
    );
    const options = {
      inputSize: config.embedding,
      hiddenSize: config.hidden,
      numLayers: config.layers,
      dropout: config.dropout,
      rng,
    };
    const layer =
      config.cell === "lstm"
        ? new LSTM(options)
        : config.cell === "gru"
          ? new GRU(options)
          : new SimpleRNN(options);
    this.recurrent = this.registerModule("rnn", layer);
    this.head = this.registerModule(
      "head",
      new Dense({ inputSize: config.hidden, outputSize: config.vocabSize, rng }),
    );
  }

  /** Logits [B, T, V] for int32 indices [B, T], from `state` (default zeros), and the new state. */
  forward(indices: Tensor, state?: RecurrentState): { logits: Tensor; state: RecurrentState } {
    return this.forwardEmbedded(this.embedding.forward(indices), state);
  }

  /** The same from input vectors [B, T, embedding] (sampling with input noise feeds these). */
  forwardEmbedded(
    embedded: Tensor,
    state?: RecurrentState,
  ): { logits: Tensor; state: RecurrentState } {
    const out = this.recurrent.forward(embedded, {
      ...(state === undefined ? {} : { h0: state.h }),
      ...(state?.c === undefined ? {} : { c0: state.c }),
    });
    let top = out.output;
    if (this.training && this.config.dropout > 0) top = dropout(top, this.config.dropout, this.rng);
    return {
      logits: this.head.forward(top),
      state: out.cN === undefined ? { h: out.hN } : { h: out.hN, c: out.cN },
    };
  }

  /**
   * One time step from input vectors [B, embedding] and the states of the last step (one list per
   * layer, [h] or [h, c]; default zeros): the next-character logits [B, V] and the new states.
   * Generation feeds one character per call this way, without the [B, 1, ·] reshapes of `forward`.
   */
  stepEmbedded(embedded: Tensor, states?: Tensor[][]): { logits: Tensor; states: Tensor[][] } {
    const out = this.recurrent.step(embedded, states);
    let top = out.output;
    if (this.training && this.config.dropout > 0) top = dropout(top, this.config.dropout, this.rng);
    return { logits: this.head.forward(top), states: out.states };
  }

  /** Row `index` of the embedding matrix (the input vector of one character). */
  embed(index: number): Float32Array {
    const row = slice(this.embedding.weight, [index, 0], [1, this.config.embedding]);
    const values = Float32Array.from(row.dataSync());
    row.dispose();
    return values;
  }
}
