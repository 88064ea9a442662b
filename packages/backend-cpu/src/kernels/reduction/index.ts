import type { KernelConfig } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { argMaxConfig } from "./arg-max.js";
import { logSoftmaxConfig } from "./log-softmax.js";
import { maxConfig } from "./max.js";
import { softmaxConfig } from "./softmax.js";
import {
  softmaxCrossEntropyConfig,
  softmaxCrossEntropyGradConfig,
} from "./softmax-cross-entropy.js";
import { sumConfig } from "./sum.js";

export const reductionKernelConfigs: readonly KernelConfig<CpuBackend>[] = [
  sumConfig,
  maxConfig,
  argMaxConfig,
  softmaxConfig,
  logSoftmaxConfig,
  softmaxCrossEntropyConfig,
  softmaxCrossEntropyGradConfig,
];
