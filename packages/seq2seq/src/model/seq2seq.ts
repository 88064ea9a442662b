import { type Dtype, type Rng, RnnkitError, type Tensor } from "@rnnkit/core-tensor";
import { Module } from "@rnnkit/layers-recurrent";
import { crossEntropy } from "@rnnkit/losses";
import type { AttentionMemory } from "../attention/attention.js";
import type { AttentionType } from "./attention-type.js";
import type { CellType } from "./cell-type.js";
import {
  Decoder,
  type DecoderForwardOptions,
  type DecoderForwardOutput,
  type DecoderState,
} from "./decoder.js";
import { type DirectionMerge, Encoder } from "./encoder.js";

export interface Seq2SeqOptions {
  sourceVocabSize: number;
  targetVocabSize: number;
  /** Embedding size of both sides (see targetEmbeddingDim). */
  embeddingDim: number;
  /** Target embedding size (default embeddingDim). */
  targetEmbeddingDim?: number;
  /** Hidden size of the encoder (each direction) and of the decoder. */
  hiddenSize: number;
  /** Decoder hidden size (default hiddenSize); the encoder's final states are projected to it. */
  decoderHiddenSize?: number;
  /** Layers of the encoder and of the decoder (default 1). */
  numLayers?: number;
  /** Cell of both sides (default "lstm"); `decoderCell` overrides the decoder's. */
  cell?: CellType;
  decoderCell?: CellType;
  /** Bidirectional encoder (default false). */
  bidirectional?: boolean;
  /** How the two directions' final states merge (default "project"; see `Encoder`). */
  merge?: DirectionMerge;
  /** Default "none". */
  attention?: AttentionType;
  /** Hidden size of the additive (Bahdanau) score. */
  attentionSize?: number;
  /** Luong input feeding (default false). */
  inputFeeding?: boolean;
  /** Dropout between stacked encoder layers. */
  dropout?: number;
  dtype?: Dtype;
  rng?: Rng;
}

/** A source batch read by the encoder, ready for any number of decodings. */
export interface EncodedSource {
  /** The decoder's initial state (the encoder's final states). */
  state: DecoderState;
  /** What attention reads (undefined without attention). */
  memory?: AttentionMemory;
  /** Number of source sequences. */
  batchSize: number;
  /** Number of source steps S. */
  sourceLength: number;
}

/** A batch for training: see `makePairBatch`. */
export interface Seq2SeqBatch {
  /** int32 [B, S] */
  source: Tensor;
  /** [B, S]: 1 at real steps, 0 at padding. */
  sourceMask: Tensor;
  /** int32 [B, T]: <START> y_1 … y_{T−1} */
  targetInput: Tensor;
  /** int32 [B, T]: y_1 … y_{T−1} <END> */
  targetOutput: Tensor;
  /** [B, T] */
  targetMask: Tensor;
}

export interface Seq2SeqLossOptions extends DecoderForwardOptions {
  /** ε of label smoothing (default 0). */
  labelSmoothing?: number;
}

/**
 * An encoder–decoder (Sutskever et al. 2014; Cho et al. 2014; with attention Bahdanau et al. 2015,
 * Luong et al. 2015): the encoder reads the whole source, its final states h_S (and c_S) start the
 * decoder, which writes the target token by token:
 *   p(y | x) = Π_t p(y_t | y_<t, x)
 * Training minimizes −Σ_t log p(y_t | y_<t, x) over the target tokens (mean per token).
 */
export class Seq2Seq extends Module {
  readonly encoder: Encoder;
  readonly decoder: Decoder;

  constructor(options: Seq2SeqOptions) {
    super("Seq2Seq");
    const common = { dtype: options.dtype, rng: options.rng };
    const decoderHiddenSize = options.decoderHiddenSize ?? options.hiddenSize;
    this.encoder = this.registerModule(
      "encoder",
      new Encoder({
        vocabSize: options.sourceVocabSize,
        embeddingDim: options.embeddingDim,
        hiddenSize: options.hiddenSize,
        numLayers: options.numLayers,
        cell: options.cell,
        bidirectional: options.bidirectional,
        merge: options.merge,
        stateSize: decoderHiddenSize,
        dropout: options.dropout,
        ...common,
      }),
    );
    this.decoder = this.registerModule(
      "decoder",
      new Decoder({
        vocabSize: options.targetVocabSize,
        embeddingDim: options.targetEmbeddingDim ?? options.embeddingDim,
        hiddenSize: decoderHiddenSize,
        numLayers: options.numLayers,
        cell: options.decoderCell ?? options.cell,
        attention: options.attention,
        memorySize: this.encoder.outputSize,
        attentionSize: options.attentionSize,
        inputFeeding: options.inputFeeding,
        ...common,
      }),
    );
  }

  /** Reads source int32 [B, S] (with its [B, S] mask when padded). */
  encode(source: Tensor, sourceMask?: Tensor): EncodedSource {
    const { outputs, state } = this.encoder.forward(source, sourceMask);
    const memory = this.decoder.prepareMemory(outputs, sourceMask);
    return {
      state: this.decoder.initialState(state),
      ...(memory === undefined ? {} : { memory }),
      batchSize: source.shape[0] as number,
      sourceLength: source.shape[1] as number,
    };
  }

  /** Teacher-forced logits [B, T, V] of a target (and the attention weights [B, T, S]). */
  forward(
    source: Tensor,
    sourceMask: Tensor | undefined,
    targetInput: Tensor,
    options: DecoderForwardOptions = {},
  ): DecoderForwardOutput {
    const encoded = this.encode(source, sourceMask);
    if (targetInput.shape[0] !== encoded.batchSize) {
      throw new RnnkitError(
        this.name,
        `source has ${encoded.batchSize} sequences, targetInput ${String(targetInput.shape[0])}`,
      );
    }
    return this.decoder.forward(targetInput, encoded.state, encoded.memory, options);
  }

  /** Mean cross-entropy per target token: −(1/Σm) Σ_{b,t} m_bt log p(y_bt | y_b<t, x_b). */
  loss(batch: Seq2SeqBatch, options: Seq2SeqLossOptions = {}): Tensor {
    const { logits } = this.forward(batch.source, batch.sourceMask, batch.targetInput, options);
    return crossEntropy(logits, batch.targetOutput, {
      mask: batch.targetMask,
      labelSmoothing: options.labelSmoothing,
    });
  }
}
