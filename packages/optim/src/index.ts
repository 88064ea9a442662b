export { type AdagradOptions, Adagrad } from "./adagrad.js";
export { type AdamOptions, Adam } from "./adam.js";
export { clipGradNorm } from "./clip-grad-norm.js";
export { clipGradValue } from "./clip-grad-value.js";
export { detachState } from "./detach-state.js";
export { type ExponentialLROptions, ExponentialLR } from "./exponential-lr.js";
export { gradNorm } from "./grad-norm.js";
export { LRScheduler, type LRSchedulerState } from "./lr-scheduler.js";
export {
  Optimizer,
  type OptimizerState,
  type ParameterState,
  type SlotState,
  type Slots,
} from "./optimizer.js";
export { type RMSpropOptions, RMSprop } from "./rmsprop.js";
export { type SGDOptions, SGD } from "./sgd.js";
export { type StepLROptions, StepLR } from "./step-lr.js";
export {
  type BpttLossFunction,
  type BpttProgress,
  type TrainBpttOptions,
  type TrainBpttResult,
  trainBptt,
} from "./train-bptt.js";
