import type { Tensor } from "../../tensor.js";
import { normalizeAxes, reducedShape } from "../../util/shape.js";
import { assertFloat, assertTensor } from "../../util/to-tensor.js";
import { abs } from "../elementwise/abs.js";
import { add } from "../elementwise/add.js";
import { exp } from "../elementwise/exp.js";
import { less } from "../elementwise/less.js";
import { log } from "../elementwise/log.js";
import { sub } from "../elementwise/sub.js";
import { where } from "../elementwise/where.js";
import { reshape } from "../movement/reshape.js";
import { max } from "./max.js";
import { sum } from "./sum.js";

/**
 * log(Σ exp(x)) over `axes` (default: all), float only, computed stably as
 *   m + log(Σ exp(x − m)),   m = max(x)
 * so no exp overflows. The identity holds for any m, so the gradient through m cancels exactly
 * (∂/∂m = 1 − Σ softmax = 0) and the result's gradient is softmax(x). An infinite m is replaced by
 * 0 (a row of all −∞ gives −∞, a row holding +∞ gives +∞, not NaN).
 * @example logSumExp(tensor([0, Math.log(3)])) // log 4
 */
export function logSumExp(x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor {
  assertTensor("logSumExp", "x", x);
  assertFloat("logSumExp", "x", x);
  const normalized = normalizeAxes("logSumExp", axes, x.rank);
  const m = max(x, normalized, true);
  const shift = where(less(abs(m), Number.POSITIVE_INFINITY), m, 0);
  const result = add(shift, log(sum(exp(sub(x, shift)), normalized, true)));
  return keepDims ? result : reshape(result, reducedShape(x.shape, normalized, false));
}
