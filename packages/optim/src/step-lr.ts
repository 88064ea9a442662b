import { RnnkitError } from "@rnnkit/core-tensor";
import { checkHyperparameter } from "./check-hyperparameter.js";
import { LRScheduler } from "./lr-scheduler.js";
import type { Optimizer } from "./optimizer.js";

export interface StepLROptions {
  /** Epochs between two decays. */
  stepSize: number;
  /** γ, default 0.1. */
  gamma?: number;
}

/**
 * Multiplies the learning rate by γ every `stepSize` epochs (PyTorch's StepLR):
 *   lr_e = lr_{e−1} · γ if e mod stepSize = 0, else lr_{e−1}   (= lr_0 · γ^⌊e / stepSize⌋)
 */
export class StepLR extends LRScheduler {
  readonly stepSize: number;
  readonly gamma: number;

  constructor(optimizer: Optimizer, options: StepLROptions) {
    super(optimizer);
    if (!Number.isInteger(options?.stepSize) || options.stepSize < 1) {
      throw new RnnkitError(
        "StepLR",
        `stepSize must be an integer ≥ 1, got ${String(options?.stepSize)}`,
      );
    }
    this.stepSize = options.stepSize;
    this.gamma = checkHyperparameter("StepLR", "gamma", options.gamma ?? 0.1, { min: 0 });
  }

  protected nextLearningRate(current: number, epoch: number): number {
    return epoch % this.stepSize === 0 ? current * this.gamma : current;
  }
}
