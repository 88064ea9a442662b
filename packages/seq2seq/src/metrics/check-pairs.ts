import { RnnkitError } from "@rnnkit/core-tensor";

/** Predictions and references must be arrays of the same, non-zero length. */
export function checkPairs(
  where: string,
  predictions: readonly unknown[],
  references: readonly unknown[],
): void {
  if (!Array.isArray(predictions) || !Array.isArray(references)) {
    throw new RnnkitError(where, "predictions and references must be arrays");
  }
  if (predictions.length !== references.length) {
    throw new RnnkitError(
      where,
      `${predictions.length} predictions for ${references.length} references: they must pair up`,
    );
  }
  if (predictions.length === 0) throw new RnnkitError(where, "no predictions given");
}
