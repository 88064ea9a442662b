import type { Tensor } from "../../tensor.js";
import { normalizeAxes } from "../../util/shape.js";
import { assertFloat, assertTensor } from "../../util/to-tensor.js";
import { div } from "../elementwise/div.js";
import { sum } from "./sum.js";

/**
 * Mean over `axes` (default: all), float only. Composite: sum(x, axes) / count, where count is the
 * number of values reduced into each output (NaN when it is 0).
 * @example mean(tensor([[1, 2], [3, 6]]), 0) // [2, 4]
 */
export function mean(x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor {
  assertTensor("mean", "x", x);
  assertFloat("mean", "x", x);
  const normalized = normalizeAxes("mean", axes, x.rank);
  let count = 1;
  for (const axis of normalized) count *= x.shape[axis] as number;
  return div(sum(x, normalized, keepDims), count);
}
