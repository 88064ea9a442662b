import type { CharModelConfig } from "./char-model-config.js";
import type { OptimizerName } from "./make-optimizer.js";

/** Everything that determines a training run (saved in the checkpoint; resume checks it). */
export interface CharLmSettings {
  model: Omit<CharModelConfig, "vocabSize">;
  /** B: parallel streams per step. */
  batch: number;
  /** Steps after which the carried hidden state is reset; 0 = carried through the whole stream. */
  seqLength: number;
  /** Steps per optimizer step: gradients flow back at most this far (truncated BPTT). */
  tbptt: number;
  optimizer: OptimizerName;
  learningRate: number;
  momentum: number;
  /** Learning rate × this after every epoch (ExponentialLR); 1 = constant. */
  lrDecay: number;
  /** Clip the global gradient norm to this; 0 = no clipping. */
  clip: number;
  seed: number;
  validationFraction: number;
  epochs: number;
  corpus: { source: string; maxChars: number; sha256: string; chars: number };
}
