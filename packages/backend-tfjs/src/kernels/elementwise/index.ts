import type { KernelConfig } from "@rnnkit/core-tensor";
import type { TfjsBackend } from "../../backend-tfjs.js";
import { absConfig } from "./abs.js";
import { addConfig } from "./add.js";
import { castConfig } from "./cast.js";
import { divConfig } from "./div.js";
import { equalConfig } from "./equal.js";
import { expConfig } from "./exp.js";
import { greaterConfig } from "./greater.js";
import { greaterEqualConfig } from "./greater-equal.js";
import { leakyReluConfig } from "./leaky-relu.js";
import { lessConfig } from "./less.js";
import { lessEqualConfig } from "./less-equal.js";
import { logConfig } from "./log.js";
import { maximumConfig } from "./maximum.js";
import { minimumConfig } from "./minimum.js";
import { mulConfig } from "./mul.js";
import { negConfig } from "./neg.js";
import { powConfig } from "./pow.js";
import { reluConfig } from "./relu.js";
import { sigmoidConfig } from "./sigmoid.js";
import { signConfig } from "./sign.js";
import { sqrtConfig } from "./sqrt.js";
import { subConfig } from "./sub.js";
import { tanhConfig } from "./tanh.js";
import { whereConfig } from "./where.js";

export const elementwiseKernelConfigs: readonly KernelConfig<TfjsBackend>[] = [
  negConfig,
  expConfig,
  logConfig,
  sqrtConfig,
  absConfig,
  signConfig,
  tanhConfig,
  sigmoidConfig,
  reluConfig,
  leakyReluConfig,
  castConfig,
  addConfig,
  subConfig,
  mulConfig,
  divConfig,
  powConfig,
  maximumConfig,
  minimumConfig,
  greaterConfig,
  greaterEqualConfig,
  lessConfig,
  lessEqualConfig,
  equalConfig,
  whereConfig,
];
