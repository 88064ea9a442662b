import { sizeFromShape } from "../../util/shape.js";

/** The sizes a MatMul kernel works with, derived once here so every backend agrees. */
export interface MatMulGeometry {
  /** Rows of op(a) and of the result. */
  m: number;
  /** The inner dimension. */
  k: number;
  /** Columns of op(b) and of the result. */
  n: number;
  /** Number of [m, k] matrices in a (1: reused for every batch of b). */
  aBatch: number;
  /** Number of [k, n] matrices in b (1: reused for every batch of a). */
  bBatch: number;
  /** Leading dimensions of the result: the batched operand's (the longer one on a tie). */
  batchShape: number[];
}

/**
 * Geometry of op(a) · op(b) for operands of rank ≥ 2, as validated by `matMul`: batch dimensions
 * flattened, a batch size of 1 (or a rank-2 operand) broadcast over the other's batches.
 */
export function matMulGeometry(
  aShape: readonly number[],
  bShape: readonly number[],
  transposeA: boolean,
  transposeB: boolean,
): MatMulGeometry {
  const aRank = aShape.length;
  const bRank = bShape.length;
  const m = aShape[transposeA ? aRank - 1 : aRank - 2] as number;
  const k = aShape[transposeA ? aRank - 2 : aRank - 1] as number;
  const n = bShape[transposeB ? bRank - 2 : bRank - 1] as number;
  const aBatchShape = aShape.slice(0, -2);
  const bBatchShape = bShape.slice(0, -2);
  const aBatch = sizeFromShape(aBatchShape);
  const bBatch = sizeFromShape(bBatchShape);
  const batchShape =
    aBatch > bBatch || (aBatch === bBatch && aBatchShape.length >= bBatchShape.length)
      ? aBatchShape
      : bBatchShape;
  return { m, k, n, aBatch, bBatch, batchShape };
}
