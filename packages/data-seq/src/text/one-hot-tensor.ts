import { type Dtype, oneHot, RnnkitError, Tensor } from "@rnnkit/core-tensor";
import { indexTensor } from "./index-tensor.js";

/**
 * Index sequences (arrays, or an int32 tensor [B, T]) → a one-hot float tensor [B, T, V] with
 * V = `depth` (the vocabulary size). An index outside [0, depth) is an error.
 * @example oneHotTensor([[1, 0]], 3) // [[[0, 1, 0], [1, 0, 0]]]
 */
export function oneHotTensor(
  sequences: readonly ArrayLike<number>[] | ArrayLike<number> | Tensor,
  depth: number,
  dtype: Dtype = "float32",
): Tensor {
  if (dtype === "int32")
    throw new RnnkitError("oneHotTensor", "dtype must be float32 or float64, got int32");
  if (!(typeof depth === "number" && Number.isInteger(depth) && depth >= 1)) {
    throw new RnnkitError(
      "oneHotTensor",
      `depth (the vocabulary size) must be a positive integer, got ${String(depth)}`,
    );
  }
  if (sequences instanceof Tensor) return oneHot(sequences, depth, { dtype });
  const indices = indexTensor(sequences);
  try {
    return oneHot(indices, depth, { dtype });
  } finally {
    indices.dispose();
  }
}
