import {
  broadcastTo,
  cast,
  type Dtype,
  RnnkitError,
  reshape,
  shapeToString,
  Tensor,
  tidy,
} from "@rnnkit/core-tensor";

/**
 * Turns a mask (any dtype; 1 = the position counts, 0 = it does not, other values act as weights)
 * into float weights of `shape`. The mask's shape must be the leading dimensions of `shape`
 * (e.g. [B,T] for [B,T,F]); it is broadcast over the rest.
 */
export function maskWeights(
  where: string,
  mask: unknown,
  shape: readonly number[],
  dtype: Dtype,
  describe: string,
): Tensor {
  if (!(mask instanceof Tensor) || mask.isDisposed) {
    throw new RnnkitError(where, "mask must be a live Tensor");
  }
  const prefix = shape.slice(0, mask.rank);
  if (mask.rank === 0 || mask.rank > shape.length || mask.shape.some((d, i) => d !== prefix[i])) {
    throw new RnnkitError(
      where,
      `mask must match the leading dimensions of ${describe} ${shapeToString(shape)}, got ${shapeToString(mask.shape)}`,
    );
  }
  return tidy(() => {
    const weights = mask.dtype === dtype ? mask : cast(mask, dtype);
    const padded = [...mask.shape, ...new Array<number>(shape.length - mask.rank).fill(1)];
    return broadcastTo(reshape(weights, padded), shape);
  });
}
