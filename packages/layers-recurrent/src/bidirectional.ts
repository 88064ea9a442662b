import { add, concat, mul, RnnkitError, type Tensor } from "@rnnkit/core-tensor";
import { Module } from "./module.js";
import type { RNN, RNNCallOptions, RNNOutput } from "./rnn.js";

export type MergeMode = "concat" | "sum" | "mul" | "ave";

/**
 * Runs one RNN forward and another backward over the same input and merges their outputs
 * (Keras's Bidirectional): concat along features (default), sum, mul or ave.
 */
export class Bidirectional extends Module {
  readonly forwardLayer: RNN;
  readonly backwardLayer: RNN;
  readonly mergeMode: MergeMode;

  constructor(options: { forward: RNN; backward: RNN; mergeMode?: MergeMode; name?: string }) {
    super(options.name ?? "Bidirectional");
    if (options.forward.goBackwards || !options.backward.goBackwards) {
      throw new RnnkitError(
        this.name,
        "expected a forward layer and a layer with goBackwards: true",
      );
    }
    if (options.forward.returnSequences !== options.backward.returnSequences) {
      throw new RnnkitError(this.name, "both layers must agree on returnSequences");
    }
    this.mergeMode = options.mergeMode ?? "concat";
    if (!["concat", "sum", "mul", "ave"].includes(this.mergeMode)) {
      throw new RnnkitError(
        this.name,
        `mergeMode must be concat, sum, mul or ave, got "${this.mergeMode}"`,
      );
    }
    this.forwardLayer = this.registerModule("forward_layer", options.forward);
    this.backwardLayer = this.registerModule("backward_layer", options.backward);
  }

  /** Merged output; states are the forward layer's followed by the backward layer's. */
  forward(x: Tensor, options: RNNCallOptions = {}): RNNOutput {
    const f = this.forwardLayer.forward(x, options);
    const b = this.backwardLayer.forward(x, options);
    return { output: this.merge(f.output, b.output), states: [...f.states, ...b.states] };
  }

  private merge(f: Tensor, b: Tensor): Tensor {
    switch (this.mergeMode) {
      case "concat":
        return concat([f, b], f.rank - 1);
      case "sum":
        return add(f, b);
      case "mul":
        return mul(f, b);
      case "ave":
        return mul(add(f, b), 0.5);
    }
  }
}
