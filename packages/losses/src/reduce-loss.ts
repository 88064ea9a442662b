import { div, mul, scalar, sum, type Tensor, tidy } from "@rnnkit/core-tensor";
import type { Reduction } from "./reduction.js";

/**
 * Reduces per-position losses ℓ with optional weights w of the same shape (1 where a position
 * counts, 0 where it is masked or ignored):
 *   mean = Σ w·ℓ / Σ w   (Σ ℓ / n without weights),   sum = Σ w·ℓ,   none = w·ℓ.
 * A mean over zero counted positions is NaN (0/0), as in PyTorch.
 */
export function reduceLoss(
  loss: Tensor,
  weights: Tensor | undefined,
  reduction: Reduction,
): Tensor {
  return tidy(() => {
    const weighted = weights === undefined ? loss : mul(loss, weights);
    if (reduction === "none") return weighted;
    const total = sum(weighted);
    if (reduction === "sum") return total;
    const count = weights === undefined ? scalar(loss.size, loss.dtype) : sum(weights);
    return div(total, count);
  });
}
