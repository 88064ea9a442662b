import { tidy, variableGrads } from "@rnnkit/core-tensor";
import { clipGradNorm, type Optimizer } from "@rnnkit/optim";
import type { Seq2Seq, Seq2SeqBatch, Seq2SeqLossOptions } from "../model/seq2seq.js";

export interface TrainStepOptions extends Seq2SeqLossOptions {
  /** Rescale the gradients to at most this global L2 norm (default: no clipping). */
  clipNorm?: number;
}

/**
 * One optimizer step on one batch: the mean token cross-entropy, its gradient with respect to every
 * parameter of the model, optional clipping, the update. Returns the loss before the update.
 */
export function trainStep(
  model: Seq2Seq,
  batch: Seq2SeqBatch,
  optimizer: Optimizer,
  options: TrainStepOptions = {},
): number {
  model.train();
  return tidy(() => {
    const { value, grads } = variableGrads(() => model.loss(batch, options), model.parameters());
    if (options.clipNorm !== undefined) clipGradNorm(grads, options.clipNorm);
    optimizer.step(grads);
    return value.dataSync()[0] as number;
  });
}
