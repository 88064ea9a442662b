import type { Tensor } from "../../tensor.js";
import { assertFloat, assertTensor } from "../../util/to-tensor.js";
import { div } from "./div.js";

/** Element-wise 1 / x (float only). Composite: div(1, x). */
export function reciprocal(x: Tensor): Tensor {
  assertTensor("reciprocal", "x", x);
  assertFloat("reciprocal", "x", x);
  return div(1, x);
}
