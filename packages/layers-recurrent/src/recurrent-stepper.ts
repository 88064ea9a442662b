import {
  type DataId,
  gather,
  keep,
  RnnkitError,
  slice,
  Tensor,
  tensor,
  tidy,
  Variable,
} from "@rnnkit/core-tensor";
import type { RecurrentCell } from "./cells/recurrent-cell.js";
import { checkStepInput, stepCells } from "./step-cells.js";

/** A tensor computed from a cell's input weights, valid while they hold the same data. */
interface Derived {
  valid: boolean;
  value: Tensor | undefined;
  weightIh: DataId | undefined;
  biasIh: DataId | undefined;
  biasHh: DataId | undefined;
}

function emptyDerived(): Derived {
  return {
    valid: false,
    value: undefined,
    weightIh: undefined,
    biasIh: undefined,
    biasHh: undefined,
  };
}

/** What one step reads: a float [B, I] tensor, int32 indices [B], an index, or a list of indices. */
export type StepperInput = Tensor | number | readonly number[];

/**
 * Runs stacked recurrent cells one time step per call with the state carried inside: the loop of
 * generation (sampling a character, feeding it back) and of streaming inference. Made by
 * `createStepper()` of `LSTM`, `GRU`, `SimpleRNN` and `RNN`; the same values as `forward` over
 * the same inputs. Index input reads row c of the first cell's input table (W_ih·e_c + bias,
 * computed once and again only when a weight is assigned), so a character costs a row copy instead
 * of a product with the one-hot vector. Per step: no reshape, slice or stack of the states, and no
 * recomputed bias sums. The stepper owns its states: they survive enclosing `tidy` scopes and are
 * freed by the next step, `reset` and `dispose`.
 * @example
 * const stepper = lstm.createStepper();
 * const logits = tidy(() => head.forward(stepper.step(c))); // c: a character index
 */
export class RecurrentStepper {
  private readonly name: string;
  private readonly cells: readonly RecurrentCell[];
  private readonly between: ((h: Tensor, layer: number) => Tensor) | undefined;
  private current: Tensor[][] | undefined;
  /** The stepper made `current` (and frees it); false for states the caller handed to `reset`. */
  private ownsCurrent = false;
  /** The batch size of `current` when the stepper made it. */
  private batch = -1;
  private readonly table: Derived = emptyDerived();
  private readonly biases: Derived[];

  /** @internal Use `createStepper()` of a layer. */
  constructor(
    name: string,
    cells: readonly RecurrentCell[],
    between?: (h: Tensor, layer: number) => Tensor,
  ) {
    this.name = name;
    this.cells = cells;
    this.between = between;
    this.biases = cells.map(emptyDerived);
  }

  /** The current states, one list per layer ([h] or [h, c], each [B, H]); undefined before the first step. */
  get states(): readonly (readonly Tensor[])[] | undefined {
    return this.current;
  }

  /** The last layer's hidden state after the latest step, [B, H] (undefined before the first). */
  get output(): Tensor | undefined {
    return this.current?.at(-1)?.[0];
  }

  /**
   * One time step of every layer; returns the last layer's new hidden state [B, H]. It belongs to
   * the stepper (valid until the next step, `reset` or `dispose`; do not dispose it). Input: float
   * [B, I], int32 indices [B], an index (batch 1) or a list of indices. The batch size is the first
   * step's until `reset`.
   */
  step(x: StepperInput): Tensor {
    let next: Tensor[][] = [];
    tidy(() => {
      const projectedFirst = this.projectFirst(x);
      next = stepCells(this.name, this.cells, undefined, this.current, {
        projectedFirst,
        // states of an earlier step were checked then; only the batch size may have changed
        trustedStates: this.ownsCurrent && projectedFirst.shape[0] === this.batch,
        project: (input, k) => (this.cells[k] as RecurrentCell).projectInput(input, this.bias(k)),
        between: this.between,
      });
      // kept: they outlive this scope and the caller's
      for (let k = 0; k < next.length; k++) {
        const list = next[k] as Tensor[];
        for (let j = 0; j < list.length; j++) keep(list[j] as Tensor);
      }
    });
    this.releaseStates();
    this.current = next;
    this.ownsCurrent = true;
    const output = (next[next.length - 1] as Tensor[])[0] as Tensor;
    this.batch = output.shape[0] as number;
    return output;
  }

  /**
   * Starts again from zeros, or from `states` (one list per layer, [h] or [h, c], each [B, H]):
   * those stay the caller's (the stepper never disposes them).
   */
  reset(states?: readonly (readonly Tensor[])[]): void {
    this.releaseStates();
    this.current = states?.map((list) => [...list]);
    this.ownsCurrent = false;
  }

  private releaseStates(): void {
    if (!this.ownsCurrent || this.current === undefined) return;
    const current = this.current;
    for (let k = 0; k < current.length; k++) {
      const list = current[k] as Tensor[];
      for (let j = 0; j < list.length; j++) (list[j] as Tensor).dispose();
    }
  }

  /** Frees the states the stepper made and its input table. */
  dispose(): void {
    this.reset();
    release(this.table);
    for (const bias of this.biases) release(bias);
  }

  /**
   * Layer 0's projected input [B, G·H]: W_ih·x + b for float x; for indices, rows of the input
   * table (one index: a row slice, no index tensor; several: a gather).
   */
  private projectFirst(x: StepperInput): Tensor {
    const cell = this.cells[0] as RecurrentCell;
    if (x instanceof Tensor) {
      checkStepInput(this.name, x, cell.inputSize);
      if (x.dtype !== "int32") return cell.projectInput(x, this.bias(0));
    }
    const table = this.derive(this.table, cell, () => cell.inputTable()) as Tensor;
    const G = table.shape[1] as number;
    if (typeof x === "number") return slice(table, [this.checkIndex(x), 0], [1, G]);
    if (x instanceof Tensor) return gather(table, x, 0);
    if (!Array.isArray(x)) {
      throw new RnnkitError(
        this.name,
        `step expects a Tensor, an index or a list of indices, got ${typeof x}`,
      );
    }
    const indices = Int32Array.from(x as readonly number[], (i) => this.checkIndex(i));
    return gather(table, tensor(indices, [indices.length], "int32"), 0);
  }

  private checkIndex(index: number): number {
    const size = (this.cells[0] as RecurrentCell).inputSize;
    if (!Number.isInteger(index) || index < 0 || index >= size) {
      throw new RnnkitError(this.name, `step: index ${index} is outside [0, ${size})`);
    }
    return index;
  }

  /** The input bias of cell k (b_ih + b_hh, summed once). */
  private bias(k: number): Tensor | undefined {
    const cell = this.cells[k] as RecurrentCell;
    return this.derive(this.biases[k] as Derived, cell, () => cell.inputBias());
  }

  /** The cached value, recomputed when one of the cell's input weights holds new data. */
  private derive(
    cache: Derived,
    cell: RecurrentCell,
    compute: () => Tensor | undefined,
  ): Tensor | undefined {
    const weightIh = cell.weightIh.dataId;
    const biasIh = cell.biasIh?.dataId;
    const biasHh = cell.biasHh?.dataId;
    if (
      cache.valid &&
      cache.weightIh === weightIh &&
      cache.biasIh === biasIh &&
      cache.biasHh === biasHh
    ) {
      return cache.value;
    }
    release(cache);
    const value = tidy(() => compute());
    cache.value = value === undefined || value instanceof Variable ? value : keep(value);
    cache.valid = true;
    cache.weightIh = weightIh;
    cache.biasIh = biasIh;
    cache.biasHh = biasHh;
    return cache.value;
  }
}

/** Frees a cached value (never a parameter: a cell without b_hh hands out b_ih itself). */
function release(cache: Derived): void {
  if (cache.value !== undefined && !(cache.value instanceof Variable)) cache.value.dispose();
  cache.value = undefined;
  cache.valid = false;
}
