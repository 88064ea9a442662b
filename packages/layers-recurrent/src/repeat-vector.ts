import { concat, RnnkitError, reshape, shapeToString, type Tensor } from "@rnnkit/core-tensor";

/**
 * The 1→N path with a repeated input: x [B, I] → [B, n, I], the same vector at every step, ready
 * for an `Rnn` with returnSequences. (The fed-back form — each output becomes the next input — is
 * a loop over `cell.step`; see the README.)
 */
export function repeatVector(x: Tensor, n: number): Tensor {
  if (x.rank !== 2)
    throw new RnnkitError(
      "repeatVector",
      `expected [batch, features], got ${shapeToString(x.shape)}`,
    );
  if (!Number.isInteger(n) || n < 1)
    throw new RnnkitError("repeatVector", `n must be a positive integer, got ${n}`);
  const [B, I] = x.shape as [number, number];
  const expanded = reshape(x, [B, 1, I]);
  return concat(
    Array.from({ length: n }, () => expanded),
    1,
  );
}
