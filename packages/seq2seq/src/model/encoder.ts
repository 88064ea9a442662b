import {
  add,
  cast,
  concat,
  type Dtype,
  type Rng,
  RnnkitError,
  reshape,
  shapeToString,
  slice,
  type Tensor,
} from "@rnnkit/core-tensor";
import {
  Dense,
  Embedding,
  GRU,
  LSTM,
  Module,
  type RecurrentLayer,
  SimpleRNN,
} from "@rnnkit/layers-recurrent";
import type { CellType } from "./cell-type.js";

/** How the final states of the two directions of a bidirectional encoder become one per layer. */
export type DirectionMerge = "project" | "sum";

export interface EncoderOptions {
  /** Source vocabulary size (index 0 = <PAD>). */
  vocabSize: number;
  embeddingDim: number;
  hiddenSize: number;
  /** Stacked layers (default 1). */
  numLayers?: number;
  /** Default "lstm". */
  cell?: CellType;
  /** Read the source both ways (default false): outputs are [h→_j; h←_j], 2·hiddenSize wide. */
  bidirectional?: boolean;
  /**
   * Bidirectional only. "project" (default): h = tanh(W_h [h→; h←] + b_h), c = W_c [c→; c←] + b_c
   * per layer; "sum": h = h→ + h←, c = c→ + c←.
   */
  merge?: DirectionMerge;
  /**
   * Size of the final states handed to the decoder (its hidden size). Default hiddenSize. Any other
   * value needs a projection (a unidirectional encoder then projects too).
   */
  stateSize?: number;
  /** Dropout between stacked layers, in training mode. */
  dropout?: number;
  dtype?: Dtype;
  rng?: Rng;
}

/** Final states handed to the decoder: one [B, stateSize] tensor per layer (c for an LSTM only). */
export interface EncoderState {
  h: Tensor[];
  c?: Tensor[];
}

export interface EncoderOutput {
  /** Every step's last-layer output [B, S, D] (D = hiddenSize · directions; 0 at padding). */
  outputs: Tensor;
  /** The source mask [B, S], if one was given. */
  mask?: Tensor;
  /** h_S (and c_S) of every layer, directions merged: the decoder's initial state. */
  state: EncoderState;
}

/**
 * Reads a whole source sequence (int32 indices [B, S]) with an embedding and a stacked, optionally
 * bidirectional recurrent layer, and hands on its outputs (for attention) and its final states.
 * Parameters: `embedding.weight`, `rnn.*` (PyTorch's names), `bridge_h_l{k}.*`, `bridge_c_l{k}.*`.
 */
export class Encoder extends Module {
  readonly vocabSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly cell: CellType;
  readonly bidirectional: boolean;
  readonly merge: DirectionMerge;
  readonly stateSize: number;
  readonly embedding: Embedding;
  readonly rnn: RecurrentLayer;
  private readonly bridgeH: Dense[] = [];
  private readonly bridgeC: Dense[] = [];

  constructor(options: EncoderOptions) {
    super("Encoder");
    this.vocabSize = options.vocabSize;
    this.hiddenSize = options.hiddenSize;
    this.numLayers = options.numLayers ?? 1;
    this.cell = options.cell ?? "lstm";
    this.bidirectional = options.bidirectional ?? false;
    this.merge = options.merge ?? "project";
    this.stateSize = options.stateSize ?? this.hiddenSize;
    if (this.merge !== "project" && this.merge !== "sum") {
      throw new RnnkitError(
        this.name,
        `merge must be "project" or "sum", got ${String(this.merge)}`,
      );
    }
    const project =
      (this.bidirectional && this.merge === "project") || this.stateSize !== this.hiddenSize;
    if (this.merge === "sum" && this.stateSize !== this.hiddenSize) {
      throw new RnnkitError(
        this.name,
        `merge "sum" keeps the hidden size: stateSize must be ${this.hiddenSize}, got ${this.stateSize}`,
      );
    }
    const common = { dtype: options.dtype, rng: options.rng };
    this.embedding = this.registerModule(
      "embedding",
      new Embedding({
        numEmbeddings: options.vocabSize,
        embeddingDim: options.embeddingDim,
        ...common,
      }),
    );
    const layerOptions = {
      inputSize: options.embeddingDim,
      hiddenSize: this.hiddenSize,
      numLayers: this.numLayers,
      bidirectional: this.bidirectional,
      dropout: options.dropout,
      ...common,
    };
    const Layer = { lstm: LSTM, gru: GRU, rnn: SimpleRNN }[this.cell];
    if (Layer === undefined) {
      throw new RnnkitError(
        this.name,
        `cell must be "lstm", "gru" or "rnn", got ${String(this.cell)}`,
      );
    }
    this.rnn = this.registerModule("rnn", new Layer(layerOptions));
    if (project) {
      const inputSize = this.hiddenSize * this.directions;
      for (let layer = 0; layer < this.numLayers; layer++) {
        const dense = (activation: "tanh" | "linear"): Dense =>
          new Dense({ inputSize, outputSize: this.stateSize, activation, ...common });
        this.bridgeH.push(this.registerModule(`bridge_h_l${layer}`, dense("tanh")));
        if (this.cell === "lstm") {
          this.bridgeC.push(this.registerModule(`bridge_c_l${layer}`, dense("linear")));
        }
      }
    }
  }

  get directions(): number {
    return this.bidirectional ? 2 : 1;
  }

  /** Size D of each output step. */
  get outputSize(): number {
    return this.hiddenSize * this.directions;
  }

  /** source: int32 [B, S]; mask: [B, S] of 1 (real step) and 0 (padding). */
  forward(source: Tensor, mask?: Tensor): EncoderOutput {
    if (source.rank !== 2 || source.dtype !== "int32") {
      throw new RnnkitError(
        this.name,
        `expected int32 source indices [batch, steps], got ${source.dtype} ${shapeToString(source.shape)}`,
      );
    }
    const [B, S] = source.shape as [number, number];
    if (mask !== undefined && (mask.rank !== 2 || mask.shape[0] !== B || mask.shape[1] !== S)) {
      throw new RnnkitError(
        this.name,
        `mask must be [${B},${S}] like the source, got ${shapeToString(mask.shape)}`,
      );
    }
    const embedded = this.embedding.forward(source); // [B, S, E]
    // a mask without padding (a batch of equal lengths) changes nothing: skip its per-step ops
    const padded = mask?.dataSync().some((m) => m === 0) ? mask : undefined;
    const { output, hN, cN } = this.rnn.forward(
      embedded,
      padded === undefined
        ? {}
        : { mask: padded.dtype === embedded.dtype ? padded : cast(padded, embedded.dtype) },
    );
    const H = this.hiddenSize;
    const D = this.directions;
    // hN [L·D, B, H], row layer·D + d → per layer [B, D·H] = [h→; h←]
    const perLayer = (states: Tensor): Tensor[] =>
      Array.from({ length: this.numLayers }, (_, layer) => {
        const rows = Array.from({ length: D }, (_, d) =>
          reshape(slice(states, [layer * D + d, 0, 0], [1, B, H]), [B, H]),
        );
        if (D === 1) return rows[0] as Tensor;
        return this.merge === "sum" && this.bridgeH.length === 0
          ? add(rows[0] as Tensor, rows[1] as Tensor) // h = h→ + h←
          : concat(rows, 1); // [h→; h←], projected below
      });
    let h = perLayer(hN);
    let c = cN === undefined ? undefined : perLayer(cN);
    if (this.bridgeH.length > 0) {
      h = h.map((x, layer) => (this.bridgeH[layer] as Dense).forward(x)); // tanh(W_h [h→; h←] + b_h)
      c = c?.map((x, layer) => (this.bridgeC[layer] as Dense).forward(x)); // W_c [c→; c←] + b_c
    }
    return {
      outputs: output,
      ...(mask === undefined ? {} : { mask }),
      state: c === undefined ? { h } : { h, c },
    };
  }
}
