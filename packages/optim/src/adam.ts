import { adamUpdate, type Tensor, type Variable, zerosLike } from "@rnnkit/core-tensor";
import { checkHyperparameter } from "./check-hyperparameter.js";
import { Optimizer, type Slots } from "./optimizer.js";

export interface AdamOptions {
  /** Default 1e-3. */
  learningRate?: number;
  /** [β1, β2], default [0.9, 0.999]. */
  betas?: readonly [number, number];
  /** ε, default 1e-8. */
  epsilon?: number;
  /** λ, L2 penalty added to the gradient (not decoupled: that is AdamW), default 0. */
  weightDecay?: number;
}

/**
 * Adam with PyTorch's torch.optim.Adam update (bias correction included), at step t:
 *   g ← g + λθ
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g·g
 *   θ ← θ − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)
 */
export class Adam extends Optimizer {
  readonly betas: readonly [number, number];
  readonly epsilon: number;
  readonly weightDecay: number;

  constructor(params: readonly Variable[], options: AdamOptions = {}) {
    super("Adam", params, options.learningRate ?? 1e-3);
    const [beta1, beta2] = options.betas ?? [0.9, 0.999];
    this.betas = [
      checkHyperparameter("Adam", "betas[0]", beta1, { min: 0, max: 1, openMax: true }),
      checkHyperparameter("Adam", "betas[1]", beta2, { min: 0, max: 1, openMax: true }),
    ];
    this.epsilon = checkHyperparameter("Adam", "epsilon", options.epsilon ?? 1e-8, { min: 0 });
    this.weightDecay = checkHyperparameter("Adam", "weightDecay", options.weightDecay ?? 0, {
      min: 0,
    });
  }

  protected update(
    param: Tensor,
    grad: Tensor,
    slots: Slots | undefined,
    step: number,
  ): { param: Tensor; slots: Slots } {
    const [beta1, beta2] = this.betas;
    const m0 = slots?.expAvg ?? zerosLike(param);
    const v0 = slots?.expAvgSq ?? zerosLike(param);
    // g = grad + λθ;  m = β1·m + (1 − β1)·g;  v = β2·v + (1 − β2)·g·g;
    // θ − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε): one kernel where the backend has AdamUpdate
    const {
      param: next,
      expAvg: m,
      expAvgSq: v,
    } = adamUpdate(param, grad, m0, v0, {
      beta1,
      beta2,
      epsilon: this.epsilon,
      weightDecay: this.weightDecay,
      stepSize: this.learningRate / (1 - beta1 ** step),
      correction2: Math.sqrt(1 - beta2 ** step),
    });
    return { param: next, slots: { expAvg: m, expAvgSq: v } };
  }
}
