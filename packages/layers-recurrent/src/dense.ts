import {
  type Dtype,
  matMul,
  matMulBias,
  type Rng,
  RnnkitError,
  relu,
  reshape,
  shapeToString,
  sigmoid,
  softmax,
  type Tensor,
  tanh,
  type Variable,
  variable,
} from "@rnnkit/core-tensor";
import { uniform } from "./initializers/uniform.js";
import { Module } from "./module.js";

export type Activation = "linear" | "tanh" | "sigmoid" | "relu" | "softmax";

export interface DenseOptions {
  inputSize: number;
  outputSize: number;
  activation?: Activation;
  bias?: boolean;
  dtype?: Dtype;
  rng?: Rng;
  name?: string;
}

/**
 * A fully connected layer over the last axis, so it applies at every time step of [B, T, H]:
 *   y_t = σ_y(W_y h_t + b_y).  weight [out, in], bias [out] (PyTorch's nn.Linear layout and init).
 */
export class Dense extends Module {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly activation: Activation;
  readonly weight: Variable;
  readonly bias: Variable | undefined;

  constructor(options: DenseOptions) {
    super(options.name ?? "Dense");
    this.inputSize = options.inputSize;
    this.outputSize = options.outputSize;
    this.activation = options.activation ?? "linear";
    const init = uniform(1 / Math.sqrt(this.inputSize));
    const make = (name: string, shape: number[]): Variable => {
      const value = init(shape, { dtype: options.dtype, rng: options.rng });
      const v = variable(value, { name: `${this.name}.${name}` });
      value.dispose();
      return this.registerParameter(name, v);
    };
    this.weight = make("weight", [this.outputSize, this.inputSize]);
    this.bias = (options.bias ?? true) ? make("bias", [this.outputSize]) : undefined;
  }

  forward(x: Tensor): Tensor {
    if (x.rank < 1 || x.shape[x.rank - 1] !== this.inputSize) {
      throw new RnnkitError(
        this.name,
        `expected input [..., ${this.inputSize}], got ${shapeToString(x.shape)}`,
      );
    }
    // [B, in] as it is (a generation step); [..., in] flattened to rows and back
    const flat = x.rank === 2 ? x : reshape(x, [-1, this.inputSize]);
    // W_y h_t + b_y for every row
    let y =
      this.bias === undefined
        ? matMul(flat, this.weight, false, true)
        : matMulBias(flat, this.weight, this.bias, false, true);
    if (x.rank !== 2) y = reshape(y, [...x.shape.slice(0, -1), this.outputSize]);
    switch (this.activation) {
      case "tanh":
        return tanh(y);
      case "sigmoid":
        return sigmoid(y);
      case "relu":
        return relu(y);
      case "softmax":
        return softmax(y, -1);
      default:
        return y;
    }
  }
}
