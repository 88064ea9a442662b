import type { KernelConfig } from "@rnnkit/core-tensor";
import type { TfjsBackend } from "../../backend-tfjs.js";
import { argMaxConfig } from "./arg-max.js";
import { logSoftmaxConfig } from "./log-softmax.js";
import { maxConfig } from "./max.js";
import { softmaxConfig } from "./softmax.js";
import { sumConfig } from "./sum.js";

export const reductionKernelConfigs: readonly KernelConfig<TfjsBackend>[] = [
  sumConfig,
  maxConfig,
  argMaxConfig,
  softmaxConfig,
  logSoftmaxConfig,
];
