import { checkHyperparameter } from "./check-hyperparameter.js";
import { LRScheduler } from "./lr-scheduler.js";
import type { Optimizer } from "./optimizer.js";

export interface ExponentialLROptions {
  /** γ, the factor per epoch. */
  gamma: number;
}

/** Multiplies the learning rate by γ every epoch (PyTorch's ExponentialLR): lr_e = lr_{e−1} · γ. */
export class ExponentialLR extends LRScheduler {
  readonly gamma: number;

  constructor(optimizer: Optimizer, options: ExponentialLROptions) {
    super(optimizer);
    this.gamma = checkHyperparameter("ExponentialLR", "gamma", options?.gamma, { min: 0 });
  }

  protected nextLearningRate(current: number): number {
    return current * this.gamma;
  }
}
