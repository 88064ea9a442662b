import { add, div, fill, mul, sqrt, type Tensor, type Variable } from "@rnnkit/core-tensor";
import { checkHyperparameter } from "./check-hyperparameter.js";
import { Optimizer, type Slots } from "./optimizer.js";

export interface AdagradOptions {
  /** Default 1e-2. */
  learningRate?: number;
  /** η decay per step: lr_t = lr / (1 + (t − 1)·decay), default 0. */
  learningRateDecay?: number;
  /** λ, L2 penalty added to the gradient, default 0. */
  weightDecay?: number;
  /** Starting value of the squared-gradient sum, default 0. */
  initialAccumulatorValue?: number;
  /** ε, default 1e-10. */
  epsilon?: number;
}

/**
 * Adagrad with PyTorch's torch.optim.Adagrad update, at step t:
 *   g ← g + λθ
 *   s ← s + g·g                         (s starts at initialAccumulatorValue)
 *   θ ← θ − lr_t · g / (√s + ε),        lr_t = lr / (1 + (t − 1)·decay)
 */
export class Adagrad extends Optimizer {
  readonly learningRateDecay: number;
  readonly weightDecay: number;
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;

  constructor(params: readonly Variable[], options: AdagradOptions = {}) {
    super("Adagrad", params, options.learningRate ?? 1e-2);
    this.learningRateDecay = checkHyperparameter(
      "Adagrad",
      "learningRateDecay",
      options.learningRateDecay ?? 0,
      { min: 0 },
    );
    this.weightDecay = checkHyperparameter("Adagrad", "weightDecay", options.weightDecay ?? 0, {
      min: 0,
    });
    this.initialAccumulatorValue = checkHyperparameter(
      "Adagrad",
      "initialAccumulatorValue",
      options.initialAccumulatorValue ?? 0,
      { min: 0 },
    );
    this.epsilon = checkHyperparameter("Adagrad", "epsilon", options.epsilon ?? 1e-10, { min: 0 });
  }

  protected update(
    param: Tensor,
    grad: Tensor,
    slots: Slots | undefined,
    step: number,
  ): { param: Tensor; slots: Slots } {
    const g = this.weightDecay === 0 ? grad : add(grad, mul(param, this.weightDecay)); // g + λθ
    const rate = this.learningRate / (1 + (step - 1) * this.learningRateDecay); // lr_t
    const s0 = slots?.sum ?? fill(param.shape, this.initialAccumulatorValue, param.dtype);
    const sum = add(s0, mul(g, g)); // s + g·g
    const std = add(sqrt(sum), this.epsilon); // √s + ε
    return { param: add(param, div(mul(g, -rate), std)), slots: { sum } }; // θ − lr_t·g / std
  }
}
