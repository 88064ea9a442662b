import { add, mul, RnnkitError, type Tensor, type Variable } from "@rnnkit/core-tensor";
import { checkHyperparameter } from "./check-hyperparameter.js";
import { Optimizer, type Slots } from "./optimizer.js";

export interface SGDOptions {
  /** Default 1e-3 (PyTorch ≥ 2.0). */
  learningRate?: number;
  /** μ, default 0 (plain gradient descent). */
  momentum?: number;
  /** τ, default 0. */
  dampening?: number;
  /** Nesterov momentum (needs momentum > 0 and dampening 0), default false. */
  nesterov?: boolean;
  /** λ, L2 penalty added to the gradient, default 0. */
  weightDecay?: number;
}

/**
 * Stochastic gradient descent with PyTorch's torch.optim.SGD update:
 *   g ← g + λθ
 *   b ← g on the first step, else μ·b + (1 − τ)·g;   g ← g + μ·b (nesterov) or b
 *   θ ← θ − lr·g
 */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;

  constructor(params: readonly Variable[], options: SGDOptions = {}) {
    super("SGD", params, options.learningRate ?? 1e-3);
    this.momentum = checkHyperparameter("SGD", "momentum", options.momentum ?? 0, { min: 0 });
    this.dampening = checkHyperparameter("SGD", "dampening", options.dampening ?? 0);
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = checkHyperparameter("SGD", "weightDecay", options.weightDecay ?? 0, {
      min: 0,
    });
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new RnnkitError(
        "SGD",
        `nesterov needs momentum > 0 and dampening 0, got momentum ${this.momentum}, dampening ${this.dampening}`,
      );
    }
  }

  protected update(
    param: Tensor,
    grad: Tensor,
    slots: Slots | undefined,
  ): { param: Tensor; slots: Slots } {
    let g = this.weightDecay === 0 ? grad : add(grad, mul(param, this.weightDecay)); // g + λθ
    const next: Slots = {};
    if (this.momentum !== 0) {
      const previous = slots?.momentumBuffer;
      // b ← g (first step) | μ·b + (1 − τ)·g
      const buffer =
        previous === undefined ? g : add(mul(previous, this.momentum), mul(g, 1 - this.dampening));
      next.momentumBuffer = buffer;
      g = this.nesterov ? add(g, mul(buffer, this.momentum)) : buffer; // g + μ·b | b
    }
    return { param: add(param, mul(g, -this.learningRate)), slots: next }; // θ − lr·g
  }
}
