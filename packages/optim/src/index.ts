export { Adagrad, type AdagradOptions } from "./adagrad.js";
export { Adam, type AdamOptions } from "./adam.js";
export { clipGradNorm } from "./clip-grad-norm.js";
export { clipGradValue } from "./clip-grad-value.js";
export { detachState } from "./detach-state.js";
export { ExponentialLR, type ExponentialLROptions } from "./exponential-lr.js";
export { gradNorm } from "./grad-norm.js";
export { LRScheduler, type LRSchedulerState } from "./lr-scheduler.js";
export {
  Optimizer,
  type OptimizerState,
  type ParameterState,
  type SlotState,
  type Slots,
} from "./optimizer.js";
export { RMSprop, type RMSpropOptions } from "./rmsprop.js";
export { SGD, type SGDOptions } from "./sgd.js";
export { StepLR, type StepLROptions } from "./step-lr.js";
export {
  type BpttLossFunction,
  type BpttProgress,
  type TrainBpttOptions,
  type TrainBpttResult,
  trainBptt,
} from "./train-bptt.js";
