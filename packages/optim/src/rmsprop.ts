import {
  add,
  div,
  mul,
  sqrt,
  sub,
  type Tensor,
  type Variable,
  zerosLike,
} from "@rnnkit/core-tensor";
import { checkHyperparameter } from "./check-hyperparameter.js";
import { Optimizer, type Slots } from "./optimizer.js";

export interface RMSpropOptions {
  /** Default 1e-2. */
  learningRate?: number;
  /** α, smoothing of the squared-gradient average, default 0.99. */
  alpha?: number;
  /** ε, default 1e-8. */
  epsilon?: number;
  /** μ, default 0. */
  momentum?: number;
  /** Divide by the gradient's estimated variance instead of its second moment, default false. */
  centered?: boolean;
  /** λ, L2 penalty added to the gradient, default 0. */
  weightDecay?: number;
}

/**
 * RMSprop with PyTorch's torch.optim.RMSprop update:
 *   g ← g + λθ
 *   s ← α·s + (1 − α)·g·g
 *   a ← √(s − ḡ·ḡ) + ε with ḡ ← α·ḡ + (1 − α)·g (centered), else √s + ε
 *   b ← μ·b + g / a,  θ ← θ − lr·b   (momentum > 0),   else θ ← θ − lr·g / a
 */
export class RMSprop extends Optimizer {
  readonly alpha: number;
  readonly epsilon: number;
  readonly momentum: number;
  readonly centered: boolean;
  readonly weightDecay: number;

  constructor(params: readonly Variable[], options: RMSpropOptions = {}) {
    super("RMSprop", params, options.learningRate ?? 1e-2);
    this.alpha = checkHyperparameter("RMSprop", "alpha", options.alpha ?? 0.99, { min: 0, max: 1 });
    this.epsilon = checkHyperparameter("RMSprop", "epsilon", options.epsilon ?? 1e-8, { min: 0 });
    this.momentum = checkHyperparameter("RMSprop", "momentum", options.momentum ?? 0, { min: 0 });
    this.centered = options.centered ?? false;
    this.weightDecay = checkHyperparameter("RMSprop", "weightDecay", options.weightDecay ?? 0, {
      min: 0,
    });
  }

  protected update(
    param: Tensor,
    grad: Tensor,
    slots: Slots | undefined,
  ): { param: Tensor; slots: Slots } {
    const { alpha, epsilon, momentum } = this;
    const g = this.weightDecay === 0 ? grad : add(grad, mul(param, this.weightDecay)); // g + λθ
    const s0 = slots?.squareAvg ?? zerosLike(param);
    const squareAvg = add(mul(s0, alpha), mul(mul(g, 1 - alpha), g)); // α·s + (1 − α)·g·g
    const next: Slots = { squareAvg };
    let average: Tensor;
    if (this.centered) {
      const ga0 = slots?.gradAvg ?? zerosLike(param);
      const gradAvg = add(mul(ga0, alpha), mul(g, 1 - alpha)); // ḡ ← α·ḡ + (1 − α)·g
      next.gradAvg = gradAvg;
      average = add(sqrt(sub(squareAvg, mul(gradAvg, gradAvg))), epsilon); // √(s − ḡ²) + ε
    } else {
      average = add(sqrt(squareAvg), epsilon); // √s + ε
    }
    if (momentum > 0) {
      const b0 = slots?.momentumBuffer ?? zerosLike(param);
      const buffer = add(mul(b0, momentum), div(g, average)); // μ·b + g / a
      next.momentumBuffer = buffer;
      return { param: add(param, mul(buffer, -this.learningRate)), slots: next }; // θ − lr·b
    }
    return { param: add(param, div(mul(g, -this.learningRate), average)), slots: next }; // θ − lr·g/a
  }
}
