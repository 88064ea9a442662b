import { RnnkitError, shapeToString } from "../../errors.js";
import type { Tensor } from "../../tensor.js";
import { sameShape, sizeFromShape } from "../../util/shape.js";
import { assertTensor } from "../../util/to-tensor.js";

/**
 * The operand checks of a matrix product op(a)·op(b) (matMul, matMulBias): ranks ≥ 2, one float
 * dtype, equal inner dimensions, compatible batch dimensions. Errors name `op`.
 */
export function checkMatMulOperands(
  op: string,
  a: Tensor,
  b: Tensor,
  transposeA: boolean,
  transposeB: boolean,
): void {
  assertTensor(op, "a", a);
  assertTensor(op, "b", b);
  if (a.rank < 2 || b.rank < 2) {
    throw new RnnkitError(
      op,
      `both operands need rank ≥ 2: a is ${shapeToString(a.shape)}, b is ${shapeToString(b.shape)}`,
    );
  }
  if (a.dtype !== b.dtype) {
    throw new RnnkitError(op, `dtypes differ: a is ${a.dtype}, b is ${b.dtype} (use cast)`);
  }
  if (a.dtype === "int32") {
    throw new RnnkitError(op, "int32 is not supported; cast to float32 or float64 first");
  }
  const aInner = a.shape[transposeA ? a.rank - 2 : a.rank - 1] as number;
  const bInner = b.shape[transposeB ? b.rank - 1 : b.rank - 2] as number;
  if (aInner !== bInner) {
    const flags = [transposeA ? "transposeA" : "", transposeB ? "transposeB" : ""].filter(Boolean);
    throw new RnnkitError(
      op,
      `inner dimensions differ: a is ${shapeToString(a.shape)}, b is ${shapeToString(b.shape)}` +
        (flags.length ? ` (with ${flags.join(", ")})` : ""),
    );
  }
  // batch dimensions: none for two matrices
  const aBatch = a.rank === 2 ? [] : a.shape.slice(0, -2);
  const bBatch = b.rank === 2 ? [] : b.shape.slice(0, -2);
  const aSize = sizeFromShape(aBatch);
  const bSize = sizeFromShape(bBatch);
  if (aSize !== 1 && bSize !== 1 && !sameShape(aBatch, bBatch)) {
    throw new RnnkitError(
      op,
      `batch dimensions differ: a is ${shapeToString(a.shape)}, b is ${shapeToString(b.shape)} ` +
        "(they must be equal, or one operand's batch size must be 1)",
    );
  }
}
