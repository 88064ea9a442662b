import {
  concat,
  type Dtype,
  type Rng,
  RnnkitError,
  reshape,
  shapeToString,
  slice,
  stack,
  type Tensor,
  tidy,
  zeros,
} from "@rnnkit/core-tensor";
import type { InitPreset, RecurrentCell } from "./cells/recurrent-cell.js";
import { dropout } from "./dropout.js";
import { Module } from "./module.js";
import { RecurrentStepper } from "./recurrent-stepper.js";
import { stepCells } from "./step-cells.js";
import { unroll } from "./unroll.js";

/** PyTorch-like options of `SimpleRNN`, `LSTM` and `GRU` (always batch-first). */
export interface RecurrentLayerOptions {
  inputSize: number;
  hiddenSize: number;
  numLayers?: number;
  bidirectional?: boolean;
  /** Dropout on the outputs of every layer but the last, in training mode. */
  dropout?: number;
  bias?: boolean;
  init?: InitPreset;
  dtype?: Dtype;
  /** Generator for the initial weights and dropout masks (default: the global one). */
  rng?: Rng;
  name?: string;
}

export interface RecurrentLayerCallOptions {
  /** Initial hidden states [numLayers · numDirections, B, H] (default zeros). */
  h0?: Tensor;
  /** Initial cell states for an LSTM, same shape as h0. */
  c0?: Tensor;
  /** [B, T] mask of valid steps (1) and padding (0): variable-length sequences. */
  mask?: Tensor;
}

export interface RecurrentLayerOutput {
  /** [B, T, numDirections · H]: the last layer's outputs at every step (0 at padded steps). */
  output: Tensor;
  /** [numLayers · numDirections, B, H]: final hidden states, PyTorch's h_n. */
  hN: Tensor;
  /** LSTM only: final cell states, PyTorch's c_n. */
  cN?: Tensor;
}

export interface RecurrentStepOutput {
  /** [B, H]: the last layer's new hidden state (the same tensor as `states[numLayers − 1][0]`). */
  output: Tensor;
  /** The new states, one list per layer: [h] (or [h, c] for an LSTM), each [B, H]. */
  states: Tensor[][];
}

/**
 * Stacked, optionally bidirectional recurrent layers over any cell, with PyTorch's parameter names
 * (weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k}, bias_hh_l{k}, suffix _reverse).
 */
export abstract class RecurrentLayer extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bidirectional: boolean;
  readonly dropout: number;
  /** cells[layer][direction] */
  readonly cells: RecurrentCell[][];
  private readonly rng: Rng | undefined;

  constructor(
    kind: string,
    options: RecurrentLayerOptions,
    makeCell: (inputSize: number, suffix: string) => RecurrentCell,
  ) {
    super(options.name ?? kind);
    const check = (value: number, what: string): void => {
      if (!Number.isInteger(value) || value < 1) {
        throw new RnnkitError(this.name, `${what} must be a positive integer, got ${value}`);
      }
    };
    check(options.inputSize, "inputSize");
    check(options.hiddenSize, "hiddenSize");
    this.inputSize = options.inputSize;
    this.hiddenSize = options.hiddenSize;
    this.numLayers = options.numLayers ?? 1;
    check(this.numLayers, "numLayers");
    this.bidirectional = options.bidirectional ?? false;
    this.dropout = options.dropout ?? 0;
    if (!(this.dropout >= 0 && this.dropout < 1)) {
      throw new RnnkitError(this.name, `dropout must be in [0, 1), got ${this.dropout}`);
    }
    this.rng = options.rng;
    const directions = this.bidirectional ? 2 : 1;
    this.cells = [];
    for (let layer = 0; layer < this.numLayers; layer++) {
      const inSize = layer === 0 ? this.inputSize : this.hiddenSize * directions;
      const row: RecurrentCell[] = [];
      for (let d = 0; d < directions; d++) {
        const suffix = `_l${layer}${d === 1 ? "_reverse" : ""}`;
        row.push(this.registerModule(`cell${suffix}`, makeCell(inSize, suffix), { flatten: true }));
      }
      this.cells.push(row);
    }
  }

  get numDirections(): number {
    return this.bidirectional ? 2 : 1;
  }

  /**
   * One time step of every layer, the state carried by the caller: generation and streaming
   * without the [B, 1, ·] reshapes of `forward`. x: float [B, inputSize] (e.g. a one-hot row) or
   * int32 indices [B] (the one-hot rows without the product: column c of W_ih). `states`: one list
   * per layer, [h] or [h, c], each [B, H] (default zeros). The same values as `forward` over the
   * same steps; differentiable; nothing passed in is disposed. Unidirectional layers only. For a
   * sampling loop `createStepper()` is faster (it keeps the states and an input table).
   */
  step(x: Tensor, states?: readonly (readonly Tensor[])[]): RecurrentStepOutput {
    const cells = this.stepCells();
    const next = tidy(() =>
      stepCells(this.name, cells, x, states, { between: (h) => this.betweenLayers(h) }),
    );
    return { output: (next.at(-1) as Tensor[])[0] as Tensor, states: next };
  }

  /**
   * A stepper: one time step per `step(x)` call with the states kept inside (see
   * `RecurrentStepper`), the fastest way to sample from a trained layer. Unidirectional only.
   */
  createStepper(): RecurrentStepper {
    return new RecurrentStepper(this.name, this.stepCells(), (h) => this.betweenLayers(h));
  }

  /** The cells of a unidirectional stack, bottom first. */
  private stepCells(): RecurrentCell[] {
    if (this.bidirectional) {
      throw new RnnkitError(
        this.name,
        "step needs a unidirectional layer: the reverse direction reads the sequence from its end",
      );
    }
    return this.cells.map((row) => row[0] as RecurrentCell);
  }

  /** What the next layer reads of a layer's outputs: dropout in training mode. */
  private betweenLayers(h: Tensor): Tensor {
    return this.training && this.dropout > 0 ? dropout(h, this.dropout, this.rng) : h;
  }

  forward(x: Tensor, options: RecurrentLayerCallOptions = {}): RecurrentLayerOutput {
    const stateCount = this.cells[0]?.[0]?.stateCount ?? 1;
    const B = x.shape[0] as number;
    const H = this.hiddenSize;
    const LD = this.numLayers * this.numDirections;
    const initial = (t: Tensor | undefined, what: string): ((k: number) => Tensor) | undefined => {
      if (t === undefined) return undefined;
      if (t.rank !== 3 || t.shape[0] !== LD || t.shape[1] !== B || t.shape[2] !== H) {
        throw new RnnkitError(
          this.name,
          `${what} must be [${LD},${B},${H}], got ${shapeToString(t.shape)}`,
        );
      }
      return (k) => reshape(slice(t, [k, 0, 0], [1, B, H]), [B, H]);
    };
    const h0 = initial(options.h0, "h0");
    const c0 = initial(options.c0, "c0");
    if (options.c0 !== undefined && stateCount < 2) {
      throw new RnnkitError(this.name, "c0 is only for an LSTM");
    }
    let input = x;
    const hN: Tensor[] = [];
    const cN: Tensor[] = [];
    this.cells.forEach((row, layer) => {
      const outputs = row.map((cell, d) => {
        const k = layer * this.numDirections + d;
        const initialStates =
          h0 === undefined && c0 === undefined
            ? undefined
            : stateCount === 2
              ? [h0?.(k) ?? zeros([B, H], cell.dtype), c0?.(k) ?? zeros([B, H], cell.dtype)]
              : [h0?.(k) ?? zeros([B, H], cell.dtype)];
        const result = unroll(this.name, cell, input, {
          initialStates,
          mask: options.mask,
          goBackwards: d === 1,
        });
        hN.push(result.states[0] as Tensor);
        if (stateCount === 2) cN.push(result.states[1] as Tensor);
        return result.outputs;
      });
      input = outputs.length === 2 ? concat(outputs, 2) : (outputs[0] as Tensor);
      if (this.training && this.dropout > 0 && layer < this.numLayers - 1) {
        input = dropout(input, this.dropout, this.rng);
      }
    });
    return { output: input, hN: stack(hN, 0), ...(stateCount === 2 ? { cN: stack(cN, 0) } : {}) };
  }
}
