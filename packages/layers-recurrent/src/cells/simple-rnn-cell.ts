import {
  add,
  matMul,
  RnnkitError,
  relu,
  type Tensor,
  tanh,
  type Variable,
} from "@rnnkit/core-tensor";
import { glorotUniform } from "../initializers/glorot-uniform.js";
import { orthogonal } from "../initializers/orthogonal.js";
import { pytorchRnnUniform } from "../initializers/uniform.js";
import { zerosInitializer } from "../initializers/zeros-initializer.js";
import { type CellOptions, RecurrentCell } from "./recurrent-cell.js";

export interface SimpleRNNCellOptions extends CellOptions {
  nonlinearity?: "tanh" | "relu";
}

/** The vanilla (Elman) cell of the course: h_t = tanh(W_h h_{t−1} + W_x x_t + b_h). */
export class SimpleRNNCell extends RecurrentCell {
  readonly gateCount = 1;
  readonly stateCount = 1;
  readonly nonlinearity: "tanh" | "relu";
  private readonly wIh: Variable;
  private readonly wHh: Variable;
  private readonly bIh: Variable | undefined;
  private readonly bHh: Variable | undefined;

  constructor(options: SimpleRNNCellOptions) {
    super("SimpleRNNCell", options);
    this.nonlinearity = options.nonlinearity ?? "tanh";
    if (this.nonlinearity !== "tanh" && this.nonlinearity !== "relu") {
      throw new RnnkitError(
        this.name,
        `nonlinearity must be "tanh" or "relu", got "${String(this.nonlinearity)}"`,
      );
    }
    const I = this.inputSize;
    const H = this.hiddenSize;
    const keras = options.init === "keras";
    const uniform = pytorchRnnUniform(H);
    this.wIh = this.makeParameter(
      "weight_ih",
      [H, I],
      keras ? glorotUniform : uniform,
      options.rng,
    );
    this.wHh = this.makeParameter("weight_hh", [H, H], keras ? orthogonal() : uniform, options.rng);
    const withBias = options.bias ?? true;
    this.bIh = withBias
      ? this.makeParameter("bias_ih", [H], keras ? zerosInitializer : uniform, options.rng)
      : undefined;
    this.bHh = withBias
      ? this.makeParameter("bias_hh", [H], keras ? zerosInitializer : uniform, options.rng)
      : undefined;
  }

  get weightIh(): Variable {
    return this.wIh;
  }
  get weightHh(): Variable {
    return this.wHh;
  }
  get biasIh(): Variable | undefined {
    return this.bIh;
  }
  get biasHh(): Variable | undefined {
    return this.bHh;
  }

  step(xProj: Tensor, states: readonly Tensor[]): Tensor[] {
    const h = states[0] as Tensor;
    // W_h h_{t−1} + (W_x x_t + b_h)
    const pre = add(xProj, matMul(h, this.wHh, false, true));
    // h_t = tanh(·) (or relu)
    return [this.nonlinearity === "tanh" ? tanh(pre) : relu(pre)];
  }
}
