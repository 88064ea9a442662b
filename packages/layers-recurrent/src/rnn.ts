import { detach, dispose, keep, RnnkitError, type Tensor, tidy } from "@rnnkit/core-tensor";
import type { RecurrentCell } from "./cells/recurrent-cell.js";
import { Module } from "./module.js";
import { RecurrentStepper } from "./recurrent-stepper.js";
import { stepCells } from "./step-cells.js";
import { unroll } from "./unroll.js";

export interface RNNOptions {
  /** All outputs [B, T, H] (N→N, default) or only the last [B, H] (N→1). */
  returnSequences?: boolean;
  /** Process the sequence from the end; outputs stay aligned with the input positions. */
  goBackwards?: boolean;
  /** Carry the final states into the next call (cut from the graph) until `resetStates()`. */
  stateful?: boolean;
  name?: string;
}

export interface RNNCallOptions {
  initialStates?: readonly Tensor[];
  /** [B, T] 1/0 mask of valid steps (float, the input's dtype). */
  mask?: Tensor;
}

export interface RNNOutput {
  /** [B, T, H] with returnSequences, else the last output [B, H]. */
  output: Tensor;
  /** Final states (h, and c for an LSTM), each [B, H]. */
  states: Tensor[];
}

/** Unrolls any cell over time (batch-first input [B, T, I]). */
export class RNN extends Module {
  readonly cell: RecurrentCell;
  readonly returnSequences: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  private carried: Tensor[] | undefined;

  constructor(cell: RecurrentCell, options: RNNOptions = {}) {
    super(options.name ?? "RNN");
    this.cell = this.registerModule("cell", cell, { flatten: true });
    this.returnSequences = options.returnSequences ?? true;
    this.goBackwards = options.goBackwards ?? false;
    this.stateful = options.stateful ?? false;
  }

  forward(x: Tensor, options: RNNCallOptions = {}): RNNOutput {
    const initialStates =
      options.initialStates ??
      (this.stateful && this.carried !== undefined && this.carried[0]?.shape[0] === x.shape[0]
        ? this.carried
        : undefined);
    const { outputs, states } = unroll(this.name, this.cell, x, {
      initialStates,
      mask: options.mask,
      goBackwards: this.goBackwards,
    });
    if (this.stateful) {
      if (this.carried !== undefined) dispose(this.carried);
      this.carried = states.map((s) => keep(detach(s)));
    }
    if (this.returnSequences) return { output: outputs, states };
    // N→1: the final hidden state (the last valid step under a mask)
    outputs.dispose();
    return { output: states[0] as Tensor, states };
  }

  /**
   * One time step: x float [B, I] or int32 indices [B], `states` the cell's [h] or [h, c] (default
   * zeros) → the new h (`output`) and states. The same values as `forward`; nothing passed in is
   * disposed; the carried state of a stateful layer is not used. Not with `goBackwards`.
   */
  step(x: Tensor, states?: readonly Tensor[]): { output: Tensor; states: Tensor[] } {
    this.checkForwardOnly();
    const next = tidy(
      () => stepCells(this.name, [this.cell], x, states === undefined ? undefined : [states])[0],
    ) as Tensor[];
    return { output: next[0] as Tensor, states: next };
  }

  /** A stepper over the cell: one time step per `step(x)`, states kept inside (`RecurrentStepper`). */
  createStepper(): RecurrentStepper {
    this.checkForwardOnly();
    return new RecurrentStepper(this.name, [this.cell]);
  }

  private checkForwardOnly(): void {
    if (this.goBackwards) {
      throw new RnnkitError(this.name, "step needs goBackwards false: it reads one step at a time");
    }
  }

  /** Forgets the carried state of a stateful layer. */
  resetStates(): void {
    if (this.carried !== undefined) dispose(this.carried);
    this.carried = undefined;
  }
}
