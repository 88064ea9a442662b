import {
  type Dtype,
  mul,
  RnnkitError,
  shapeToString,
  square,
  sub,
  sum,
  type Tensor,
  tidy,
} from "@rnnkit/core-tensor";
import { checkFloatTensor } from "./check-float-tensor.js";
import { maskWeights } from "./mask-weights.js";
import { reduceLoss } from "./reduce-loss.js";
import { checkReduction, type Reduction } from "./reduction.js";

export interface MeanSquaredErrorOptions {
  /** "mean" (default), "sum" or "none". */
  reduction?: Reduction;
  /**
   * "elementwise" (default): the loss of each element is (ŷ − y)², and "mean" averages over every
   * element. "course": predictions are [m, k, …features]; the loss of sample i at step t is
   * ½‖ŷ_it − y_it‖² (summed over the features), and "mean" gives 1/(2mk) Σ_i Σ_t ‖ŷ_it − y_it‖².
   */
  form?: "elementwise" | "course";
  /**
   * [B,T] (the leading dimensions of predictions): 1 where a step counts, 0 where it is padding.
   * "mean" then averages over the valid steps only (and their features in the elementwise form).
   */
  mask?: Tensor;
}

const WHERE = "meanSquaredError";

/**
 * Mean squared error, composed from ops (autograd gives its gradient).
 *   elementwise: ℓ = (ŷ − y)²,           mean = Σ w·ℓ / Σ w over elements
 *   course:      ℓ_it = ½ ‖ŷ_it − y_it‖², mean = Σ w·ℓ / Σ w over (i, t)  = 1/(2mk) Σ_i Σ_t ‖ŷ − y‖²
 * @example meanSquaredError(tensor([1, 2]), tensor([0, 0])) // (1 + 4) / 2 = 2.5
 */
export function meanSquaredError(
  predictions: Tensor,
  targets: Tensor,
  options: MeanSquaredErrorOptions = {},
): Tensor {
  checkFloatTensor(WHERE, "predictions", predictions);
  checkFloatTensor(WHERE, "targets", targets);
  const reduction = checkReduction(WHERE, options.reduction);
  const form = options.form ?? "elementwise";
  if (form !== "elementwise" && form !== "course") {
    throw new RnnkitError(
      WHERE,
      `form must be "elementwise" or "course", got ${JSON.stringify(form)}`,
    );
  }
  if (
    predictions.rank !== targets.rank ||
    predictions.shape.some((d, i) => d !== targets.shape[i]) ||
    predictions.dtype !== targets.dtype
  ) {
    throw new RnnkitError(
      WHERE,
      `targets must match predictions (${predictions.dtype} ${shapeToString(predictions.shape)}), got ${targets.dtype} ${shapeToString(targets.shape)}`,
    );
  }
  if (form === "course" && predictions.rank < 2) {
    throw new RnnkitError(
      WHERE,
      `the course form needs predictions [m, k, …features], got ${shapeToString(predictions.shape)}`,
    );
  }
  const dtype: Dtype = predictions.dtype;
  return tidy(() => {
    const squared = square(sub(predictions, targets)); // (ŷ − y)²
    // course: ℓ_it = ½ Σ_f (ŷ_itf − y_itf)²
    const loss =
      form === "course"
        ? mul(predictions.rank > 2 ? sum(squared, range(2, predictions.rank)) : squared, 0.5)
        : squared;
    const weights =
      options.mask === undefined
        ? undefined
        : maskWeights(
            WHERE,
            options.mask,
            loss.shape,
            dtype,
            form === "course" ? "the [m, k] steps" : "predictions",
          );
    return reduceLoss(loss, weights, reduction);
  });
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}
