import { runKernel } from "../../engine.js";
import { Log } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { assertFloat, assertTensor } from "../../util/to-tensor.js";
import { div } from "./div.js";

/** Element-wise natural logarithm (float only): log(0) = −∞, log(x < 0) = NaN. */
export function log(x: Tensor): Tensor {
  assertTensor("log", "x", x);
  assertFloat("log", "x", x);
  return runKernel(Log, { x });
}

/** d(log x)/dx = 1/x */
export const logGradConfig: GradConfig = {
  kernelName: Log,
  gradFunc: (dy, { inputs }) => ({ x: () => div(dy, inputs.x as Tensor) }),
};
