import type { GradConfig } from "../../registry.js";
import { logSoftmaxGradConfig } from "./log-softmax.js";
import { maxGradConfig } from "./max.js";
import { softmaxGradConfig } from "./softmax.js";
import { softmaxCrossEntropyGradConfig } from "./softmax-cross-entropy.js";
import { sumGradConfig } from "./sum.js";

export { argMax } from "./arg-max.js";
export { logSoftmax } from "./log-softmax.js";
export { logSumExp } from "./log-sum-exp.js";
export { max } from "./max.js";
export { mean } from "./mean.js";
export { min } from "./min.js";
export { softmax } from "./softmax.js";
export { softmaxCrossEntropy } from "./softmax-cross-entropy.js";
export { sum } from "./sum.js";
export { sumToShape } from "./sum-to-shape.js";

export const reductionGradConfigs: readonly GradConfig[] = [
  sumGradConfig,
  maxGradConfig,
  softmaxGradConfig,
  logSoftmaxGradConfig,
  softmaxCrossEntropyGradConfig,
];
