import {
  argMax,
  concat,
  type Dtype,
  gather,
  getGlobalRng,
  type Rng,
  RnnkitError,
  reshape,
  shapeToString,
  slice,
  stack,
  type Tensor,
  tensor,
  zeros,
} from "@rnnkit/core-tensor";
import { Dense, Embedding, Module, type RecurrentCell, unroll } from "@rnnkit/layers-recurrent";
import type { Attention, AttentionMemory } from "../attention/attention.js";
import { BahdanauAttention } from "../attention/bahdanau-attention.js";
import { LuongAttention } from "../attention/luong-attention.js";
import type { AttentionType } from "./attention-type.js";
import type { CellType } from "./cell-type.js";
import type { EncoderState } from "./encoder.js";
import { makeCell } from "./make-cell.js";

export interface DecoderOptions {
  /** Target vocabulary size (with <PAD>, <START>, <END>, <UNK> at 0–3). */
  vocabSize: number;
  embeddingDim: number;
  hiddenSize: number;
  numLayers?: number;
  /** Default "lstm". */
  cell?: CellType;
  /** Default "none". */
  attention?: AttentionType;
  /** Size D of the encoder outputs (needed with attention). */
  memorySize?: number;
  /** Hidden size of the additive score (Bahdanau; default hiddenSize). */
  attentionSize?: number;
  /**
   * Luong only: feed the previous attentional vector h̃_{t−1} into the next step (Luong §3.3).
   * Default false, which lets teacher-forced training run all steps at once.
   */
  inputFeeding?: boolean;
  dtype?: Dtype;
  rng?: Rng;
}

/** The decoder's recurrent state: the states of every layer's cell (h first, then c for an LSTM). */
export interface DecoderState {
  layers: Tensor[][];
  /** Luong input feeding: h̃_{t−1} [N, hiddenSize]. */
  feed?: Tensor;
}

export interface DecoderStepOutput {
  /** Scores of the next token [N, vocabSize] (before softmax). */
  logits: Tensor;
  state: DecoderState;
  /** Attention weights of this step [N, S]. */
  weights?: Tensor;
}

export interface DecoderForwardOptions {
  /**
   * Probability of feeding the true previous token (teacher forcing) rather than the model's own
   * argmax prediction, drawn per example and step (scheduled sampling). Default 1.
   */
  teacherForcingRatio?: number;
  /** Generator for those draws (default: the global one). */
  rng?: Rng;
}

export interface DecoderForwardOutput {
  /** [B, T, vocabSize] */
  logits: Tensor;
  /** [B, T, S]: the attention weights of every step. */
  attention?: Tensor;
}

/**
 * Writes the target one token at a time, starting from the encoder's final state:
 *   x_t = E[y_{t−1}]                             (the previous token's embedding)
 *   none:     s_t = cell(x_t, s_{t−1}),            p(y_t) = softmax(W_o s_t + b_o)
 *   bahdanau: c_t = attend(s_{t−1}), s_t = cell([x_t; c_t], s_{t−1}), p(y_t) = softmax(W_o [s_t; c_t] + b_o)
 *   luong:    s_t = cell(x_t, s_{t−1}) (or [x_t; h̃_{t−1}] with input feeding), c_t = attend(s_t),
 *             h̃_t = tanh(W_c [c_t; s_t]),          p(y_t) = softmax(W_o h̃_t + b_o)
 * A stacked decoder feeds each layer's h into the next; the top layer's s_t is used above.
 * Parameters: `embedding.weight`, PyTorch-named cells (`weight_ih_l0`, …), `attention.*`,
 * `combine.weight` (Luong W_c), `output.weight`, `output.bias`.
 */
export class Decoder extends Module {
  readonly vocabSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly cell: CellType;
  readonly attentionType: AttentionType;
  readonly inputFeeding: boolean;
  readonly embedding: Embedding;
  readonly cells: RecurrentCell[] = [];
  readonly attention: Attention | undefined;
  readonly combine: Dense | undefined;
  readonly output: Dense;

  constructor(options: DecoderOptions) {
    super("Decoder");
    this.vocabSize = options.vocabSize;
    this.hiddenSize = options.hiddenSize;
    this.numLayers = options.numLayers ?? 1;
    this.cell = options.cell ?? "lstm";
    this.attentionType = options.attention ?? "none";
    const luong = this.attentionType === "luong-dot" || this.attentionType === "luong-general";
    this.inputFeeding = luong && (options.inputFeeding ?? false);
    const common = { dtype: options.dtype, rng: options.rng };
    const H = this.hiddenSize;
    const D = options.memorySize ?? 0;
    if (this.attentionType !== "none" && !(D > 0)) {
      throw new RnnkitError(
        this.name,
        `attention "${this.attentionType}" needs memorySize (the encoder output size)`,
      );
    }
    this.embedding = this.registerModule(
      "embedding",
      new Embedding({
        numEmbeddings: this.vocabSize,
        embeddingDim: options.embeddingDim,
        ...common,
      }),
    );
    const extraInput = this.attentionType === "bahdanau" ? D : this.inputFeeding ? H : 0;
    for (let layer = 0; layer < this.numLayers; layer++) {
      const inputSize = layer === 0 ? options.embeddingDim + extraInput : H;
      const cell = makeCell(this.name, this.cell, {
        inputSize,
        hiddenSize: H,
        suffix: `_l${layer}`,
        ...common,
      });
      this.cells.push(this.registerModule(`cell_l${layer}`, cell, { flatten: true }));
    }
    switch (this.attentionType) {
      case "none":
        break;
      case "bahdanau":
        this.attention = this.registerModule(
          "attention",
          new BahdanauAttention({
            memorySize: D,
            querySize: H,
            attentionSize: options.attentionSize,
            ...common,
          }),
        );
        break;
      case "luong-dot":
      case "luong-general":
        this.attention = this.registerModule(
          "attention",
          new LuongAttention({
            memorySize: D,
            querySize: H,
            score: this.attentionType === "luong-dot" ? "dot" : "general",
            ...common,
          }),
        );
        this.combine = this.registerModule(
          "combine",
          new Dense({
            inputSize: D + H,
            outputSize: H,
            activation: "tanh",
            bias: false,
            ...common,
          }),
        );
        break;
      default:
        throw new RnnkitError(
          this.name,
          `attention must be "none", "bahdanau", "luong-dot" or "luong-general", got ${String(this.attentionType)}`,
        );
    }
    const outputInput = this.attentionType === "bahdanau" ? H + D : H;
    this.output = this.registerModule(
      "output",
      new Dense({ inputSize: outputInput, outputSize: this.vocabSize, ...common }),
    );
  }

  /** The initial state from the encoder's final states (an LSTM decoder after a GRU encoder starts with c = 0). */
  initialState(encoderState: EncoderState): DecoderState {
    if (encoderState.h.length !== this.numLayers) {
      throw new RnnkitError(
        this.name,
        `the encoder hands on ${encoderState.h.length} layer state(s), the decoder has ${this.numLayers} layers`,
      );
    }
    const layers = encoderState.h.map((h, layer) => {
      if (h.rank !== 2 || h.shape[1] !== this.hiddenSize) {
        throw new RnnkitError(
          this.name,
          `initial state of layer ${layer} must be [batch, ${this.hiddenSize}], got ${shapeToString(h.shape)}`,
        );
      }
      if (this.cell !== "lstm") return [h];
      return [h, encoderState.c?.[layer] ?? zeros(h.shape, h.dtype)];
    });
    if (!this.inputFeeding) return { layers };
    const first = encoderState.h[0] as Tensor;
    return { layers, feed: zeros([first.shape[0] as number, this.hiddenSize], first.dtype) };
  }

  /** Prepares the encoder outputs [N, S, D] (and mask) for attention; undefined without attention. */
  prepareMemory(outputs: Tensor, mask?: Tensor): AttentionMemory | undefined {
    return this.attention?.prepare(outputs, mask);
  }

  /** One step: previous tokens int32 [N] → logits of the next ones. */
  step(tokens: Tensor, state: DecoderState, memory?: AttentionMemory): DecoderStepOutput {
    this.checkMemory(memory);
    let x = this.embedding.forward(tokens); // x_t = E[y_{t−1}]: [N, E]
    let context: Tensor | undefined;
    let weights: Tensor | undefined;
    if (this.attentionType === "bahdanau") {
      const top = (state.layers[this.numLayers - 1] as Tensor[])[0] as Tensor;
      ({ context, weights } = (this.attention as Attention).attend(top, memory as AttentionMemory)); // c_t from s_{t−1}
      x = concat([x, context], 1); // [x_t; c_t]
    } else if (this.inputFeeding) {
      x = concat([x, state.feed as Tensor], 1); // [x_t; h̃_{t−1}]
    }
    const layers = this.cells.map((cell, layer) => {
      const next = cell.step(cell.projectInput(x), state.layers[layer] as Tensor[]);
      x = next[0] as Tensor; // h of this layer feeds the next one
      return next;
    });
    const top = x; // s_t
    if (this.attentionType === "bahdanau") {
      const logits = this.output.forward(concat([top, context as Tensor], 1)); // W_o [s_t; c_t] + b_o
      return { logits, state: { layers }, weights };
    }
    if (this.attention !== undefined) {
      ({ context, weights } = this.attention.attend(top, memory as AttentionMemory)); // c_t from s_t
      const attentional = (this.combine as Dense).forward(concat([context, top], 1)); // h̃_t = tanh(W_c [c_t; s_t])
      const logits = this.output.forward(attentional); // W_o h̃_t + b_o
      return {
        logits,
        state: this.inputFeeding ? { layers, feed: attentional } : { layers },
        weights,
      };
    }
    return { logits: this.output.forward(top), state: { layers } }; // W_o s_t + b_o
  }

  /**
   * The whole target at once during training: `targetInput` int32 [B, T] is <START> y_1 … y_{T−1}.
   * With a teacher forcing ratio below 1, each step feeds the model's own previous prediction with
   * probability 1 − ratio (per example). Without attention, or with Luong attention without input
   * feeding, full teacher forcing runs the cells over all steps at once (same values, fewer ops).
   */
  forward(
    targetInput: Tensor,
    state: DecoderState,
    memory?: AttentionMemory,
    options: DecoderForwardOptions = {},
  ): DecoderForwardOutput {
    if (targetInput.rank !== 2 || targetInput.dtype !== "int32") {
      throw new RnnkitError(
        this.name,
        `expected int32 target indices [batch, steps], got ${targetInput.dtype} ${shapeToString(targetInput.shape)}`,
      );
    }
    const ratio = options.teacherForcingRatio ?? 1;
    if (typeof ratio !== "number" || !(ratio >= 0 && ratio <= 1)) {
      throw new RnnkitError(
        this.name,
        `teacherForcingRatio must be in [0, 1], got ${String(ratio)}`,
      );
    }
    this.checkMemory(memory);
    if (ratio === 1 && this.attentionType !== "bahdanau" && !this.inputFeeding) {
      return this.forwardParallel(targetInput, state, memory);
    }
    const [B, T] = targetInput.shape as [number, number];
    const gold = ratio === 1 ? undefined : (targetInput.dataSync() as Int32Array);
    const rng = options.rng ?? getGlobalRng();
    const logits: Tensor[] = [];
    const weights: Tensor[] = [];
    let predicted: Int32Array | undefined;
    for (let t = 0; t < T; t++) {
      let tokens: Tensor;
      if (gold === undefined || predicted === undefined) {
        tokens = reshape(slice(targetInput, [0, t], [B, 1]), [B]);
      } else {
        // scheduled sampling: y_{t−1} with probability ratio, else the model's argmax ŷ_{t−1}
        const mixed = new Int32Array(B);
        for (let b = 0; b < B; b++) {
          mixed[b] = rng.next() < ratio ? (gold[b * T + t] as number) : (predicted[b] as number);
        }
        tokens = tensor(mixed, [B], "int32");
      }
      const out = this.step(tokens, state, memory);
      state = out.state;
      logits.push(out.logits);
      if (out.weights !== undefined) weights.push(out.weights);
      if (gold !== undefined) predicted = argMax(out.logits, -1).dataSync() as Int32Array;
    }
    return {
      logits: stack(logits, 1),
      ...(weights.length > 0 ? { attention: stack(weights, 1) } : {}),
    };
  }

  /** Picks rows of a state (beam search reorders and copies hypotheses with it). */
  selectState(state: DecoderState, rows: Tensor): DecoderState {
    const layers = state.layers.map((states) => states.map((s) => gather(s, rows, 0)));
    return state.feed === undefined ? { layers } : { layers, feed: gather(state.feed, rows, 0) };
  }

  private forwardParallel(
    targetInput: Tensor,
    state: DecoderState,
    memory: AttentionMemory | undefined,
  ): DecoderForwardOutput {
    let x = this.embedding.forward(targetInput); // [B, T, E]
    this.cells.forEach((cell, layer) => {
      x = unroll(this.name, cell, x, { initialStates: state.layers[layer] }).outputs; // s_1 … s_T
    });
    if (this.attention === undefined) return { logits: this.output.forward(x) };
    const { context, weights } = this.attention.attend(x, memory as AttentionMemory); // [B, T, D], [B, T, S]
    const attentional = (this.combine as Dense).forward(concat([context, x], 2)); // h̃_t = tanh(W_c [c_t; s_t])
    return { logits: this.output.forward(attentional), attention: weights };
  }

  private checkMemory(memory: AttentionMemory | undefined): void {
    if (this.attention !== undefined && memory === undefined) {
      throw new RnnkitError(
        this.name,
        `attention "${this.attentionType}" needs the encoder outputs (prepareMemory)`,
      );
    }
  }
}
