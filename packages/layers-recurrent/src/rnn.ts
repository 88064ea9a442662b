import { detach, dispose, keep, type Tensor } from "@rnnkit/core-tensor";
import type { RecurrentCell } from "./cells/recurrent-cell.js";
import { Module } from "./module.js";
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

  /** Forgets the carried state of a stateful layer. */
  resetStates(): void {
    if (this.carried !== undefined) dispose(this.carried);
    this.carried = undefined;
  }
}
