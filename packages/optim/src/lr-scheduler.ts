import { RnnkitError } from "@rnnkit/core-tensor";
import type { Optimizer } from "./optimizer.js";

/** `scheduler.stateDict()`: the epoch counter (the learning rate itself is in the optimizer's). */
export interface LRSchedulerState {
  lastEpoch: number;
}

/**
 * Base of the learning-rate schedules: `step()` (once per epoch, or per chunk) advances the counter
 * and sets `optimizer.learningRate` from the current one, chainable like PyTorch's schedulers.
 */
export abstract class LRScheduler {
  readonly optimizer: Optimizer;
  /** The learning rate when the scheduler was created. */
  readonly baseLearningRate: number;
  /** Number of `step()` calls. */
  lastEpoch = 0;

  constructor(optimizer: Optimizer) {
    this.optimizer = optimizer;
    this.baseLearningRate = optimizer.learningRate;
  }

  /** The rate for epoch `lastEpoch` (≥ 1) given the current one. */
  protected abstract nextLearningRate(current: number, epoch: number): number;

  /** Advances one epoch; returns the new learning rate. */
  step(): number {
    this.lastEpoch++;
    this.optimizer.learningRate = this.nextLearningRate(
      this.optimizer.learningRate,
      this.lastEpoch,
    );
    return this.optimizer.learningRate;
  }

  stateDict(): LRSchedulerState {
    return { lastEpoch: this.lastEpoch };
  }

  loadStateDict(state: LRSchedulerState): void {
    if (!Number.isInteger(state?.lastEpoch) || state.lastEpoch < 0) {
      throw new RnnkitError(
        "LRScheduler.loadStateDict",
        `lastEpoch must be an integer ≥ 0, got ${String(state?.lastEpoch)}`,
      );
    }
    this.lastEpoch = state.lastEpoch;
  }
}
