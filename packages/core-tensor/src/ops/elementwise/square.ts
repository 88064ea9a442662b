import type { Tensor } from "../../tensor.js";
import { assertTensor } from "../../util/to-tensor.js";
import { mul } from "./mul.js";

/** Element-wise x². Composite: x · x (no kernel, no gradient of its own). */
export function square(x: Tensor): Tensor {
  assertTensor("square", "x", x);
  return mul(x, x);
}
