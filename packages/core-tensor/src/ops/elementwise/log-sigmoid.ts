import { tidy } from "../../engine.js";
import type { Tensor } from "../../tensor.js";
import { assertFloat, assertTensor } from "../../util/to-tensor.js";
import { neg } from "./neg.js";
import { softplus } from "./softplus.js";

/** Element-wise log σ(x) = −softplus(−x) (float only), finite for large |x|. Composite. */
export function logSigmoid(x: Tensor): Tensor {
  assertTensor("logSigmoid", "x", x);
  assertFloat("logSigmoid", "x", x);
  return tidy(() => neg(softplus(neg(x))));
}
