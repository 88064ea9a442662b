import type { GradConfig } from "../../registry.js";
import { absGradConfig } from "./abs.js";
import { addGradConfig } from "./add.js";
import { castGradConfig } from "./cast.js";
import { divGradConfig } from "./div.js";
import { equalGradConfig } from "./equal.js";
import { expGradConfig } from "./exp.js";
import { greaterGradConfig } from "./greater.js";
import { greaterEqualGradConfig } from "./greater-equal.js";
import { leakyReluGradConfig } from "./leaky-relu.js";
import { lessGradConfig } from "./less.js";
import { lessEqualGradConfig } from "./less-equal.js";
import { logGradConfig } from "./log.js";
import { maximumGradConfig } from "./maximum.js";
import { minimumGradConfig } from "./minimum.js";
import { mulGradConfig } from "./mul.js";
import { negGradConfig } from "./neg.js";
import { powGradConfig } from "./pow.js";
import { reluGradConfig } from "./relu.js";
import { sigmoidGradConfig } from "./sigmoid.js";
import { signGradConfig } from "./sign.js";
import { sqrtGradConfig } from "./sqrt.js";
import { subGradConfig } from "./sub.js";
import { tanhGradConfig } from "./tanh.js";
import { whereGradConfig } from "./where.js";

export { abs } from "./abs.js";
export { add } from "./add.js";
export { cast } from "./cast.js";
export { clip } from "./clip.js";
export { div } from "./div.js";
export { equal } from "./equal.js";
export { exp } from "./exp.js";
export { greater } from "./greater.js";
export { greaterEqual } from "./greater-equal.js";
export { leakyRelu } from "./leaky-relu.js";
export { less } from "./less.js";
export { lessEqual } from "./less-equal.js";
export { log } from "./log.js";
export { logSigmoid } from "./log-sigmoid.js";
export { maximum } from "./maximum.js";
export { minimum } from "./minimum.js";
export { mul } from "./mul.js";
export { neg } from "./neg.js";
export { pow } from "./pow.js";
export { reciprocal } from "./reciprocal.js";
export { relu } from "./relu.js";
export { sigmoid } from "./sigmoid.js";
export { sign } from "./sign.js";
export { softplus } from "./softplus.js";
export { sqrt } from "./sqrt.js";
export { square } from "./square.js";
export { sub } from "./sub.js";
export { tanh } from "./tanh.js";
export { where } from "./where.js";

export const elementwiseGradConfigs: readonly GradConfig[] = [
  negGradConfig,
  expGradConfig,
  logGradConfig,
  sqrtGradConfig,
  absGradConfig,
  signGradConfig,
  tanhGradConfig,
  sigmoidGradConfig,
  reluGradConfig,
  leakyReluGradConfig,
  castGradConfig,
  addGradConfig,
  subGradConfig,
  mulGradConfig,
  divGradConfig,
  powGradConfig,
  maximumGradConfig,
  minimumGradConfig,
  greaterGradConfig,
  greaterEqualGradConfig,
  lessGradConfig,
  lessEqualGradConfig,
  equalGradConfig,
  whereGradConfig,
];
