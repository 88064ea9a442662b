import { add, matMul, RnnkitError, relu, type Tensor, tanh } from "@rnnkit/core-tensor";
import { type CellOptions, RecurrentCell } from "./recurrent-cell.js";

export interface SimpleRNNCellOptions extends CellOptions {
  nonlinearity?: "tanh" | "relu";
}

/** The vanilla (Elman) cell of the course: h_t = tanh(W_h h_{t−1} + W_x x_t + b_h). */
export class SimpleRNNCell extends RecurrentCell {
  readonly stateCount = 1;
  readonly nonlinearity: "tanh" | "relu";

  constructor(options: SimpleRNNCellOptions) {
    super("SimpleRNNCell", options, 1);
    this.nonlinearity = options.nonlinearity ?? "tanh";
    if (this.nonlinearity !== "tanh" && this.nonlinearity !== "relu") {
      throw new RnnkitError(
        this.name,
        `nonlinearity must be "tanh" or "relu", got "${String(this.nonlinearity)}"`,
      );
    }
  }

  step(xProj: Tensor, states: readonly Tensor[]): Tensor[] {
    const h = states[0] as Tensor;
    // W_h h_{t−1} + (W_x x_t + b_h)
    const pre = add(xProj, matMul(h, this.weightHh, false, true));
    // h_t = tanh(·) (or relu)
    return [this.nonlinearity === "tanh" ? tanh(pre) : relu(pre)];
  }
}
