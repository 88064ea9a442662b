import type { Tensor } from "../../tensor.js";
import { assertTensor } from "../../util/to-tensor.js";
import { neg } from "../elementwise/neg.js";
import { max } from "./max.js";

/**
 * Smallest value over `axes` (default: all). Composite: min(x) = −max(−x), so ties split the
 * gradient evenly as in `max`.
 * @example min(tensor([[1, 5], [4, 2]]), 1) // [1, 2]
 */
export function min(x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor {
  assertTensor("min", "x", x);
  return neg(max(neg(x), axes, keepDims));
}
