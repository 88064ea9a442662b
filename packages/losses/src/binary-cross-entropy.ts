import {
  cast,
  mul,
  RnnkitError,
  shapeToString,
  softplus,
  sub,
  Tensor,
  tidy,
} from "@rnnkit/core-tensor";
import { checkFloatTensor } from "./check-float-tensor.js";
import { maskWeights } from "./mask-weights.js";
import { reduceLoss } from "./reduce-loss.js";
import { checkReduction, type Reduction } from "./reduction.js";

export interface BinaryCrossEntropyOptions {
  /** "mean" (default, over all counted elements), "sum" or "none" (per element). */
  reduction?: Reduction;
  /** [B,T] (the leading dimensions of logits): 1 = counts, 0 = padding. */
  mask?: Tensor;
}

const WHERE = "binaryCrossEntropy";

/**
 * Binary cross-entropy from logits x and targets y ∈ [0, 1] (float, or int32 0/1), stable for any x:
 *   ℓ = −y log σ(x) − (1 − y) log(1 − σ(x)) = max(x, 0) − x·y + log(1 + e^−|x|) = softplus(x) − x·y
 * (core's softplus computes max(x, 0) + log(1 + e^−|x|) in that overflow-free form, and its
 * gradient σ(x) is exact at x = 0, so dℓ/dx = σ(x) − y everywhere).
 */
export function binaryCrossEntropy(
  logits: Tensor,
  targets: Tensor,
  options: BinaryCrossEntropyOptions = {},
): Tensor {
  checkFloatTensor(WHERE, "logits", logits);
  const reduction = checkReduction(WHERE, options.reduction);
  if (
    !(targets instanceof Tensor) ||
    targets.isDisposed ||
    targets.rank !== logits.rank ||
    targets.shape.some((d, i) => d !== logits.shape[i]) ||
    (targets.dtype !== logits.dtype && targets.dtype !== "int32")
  ) {
    const got =
      targets instanceof Tensor
        ? `${targets.dtype} ${shapeToString(targets.shape)}${targets.isDisposed ? " (disposed)" : ""}`
        : typeof targets;
    throw new RnnkitError(
      WHERE,
      `targets must be ${logits.dtype} (or int32) ${shapeToString(logits.shape)} like logits, got ${got}`,
    );
  }
  return tidy(() => {
    const y = targets.dtype === logits.dtype ? targets : cast(targets, logits.dtype);
    const loss = sub(softplus(logits), mul(logits, y)); // ℓ = softplus(x) − x·y
    const weights =
      options.mask === undefined
        ? undefined
        : maskWeights(WHERE, options.mask, logits.shape, logits.dtype, "logits");
    return reduceLoss(loss, weights, reduction);
  });
}
