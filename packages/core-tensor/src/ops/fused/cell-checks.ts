import { RnnkitError, shapeToString } from "../../errors.js";
import type { Tensor } from "../../tensor.js";
import { sameShape } from "../../util/shape.js";
import { assertFloat, assertTensor } from "../../util/to-tensor.js";

/**
 * Checks the arguments of a fused cell: live float tensors of one dtype, `h` of rank 2.
 * Returns the batch size B and hidden size H read from `h`.
 */
export function checkCellArguments(
  op: string,
  args: Record<string, unknown>,
): { batch: number; hidden: number } {
  let first: Tensor | undefined;
  let firstName = "";
  for (const name in args) {
    const t = assertTensor(op, name, args[name]);
    assertFloat(op, name, t);
    if (first === undefined) {
      first = t;
      firstName = name;
    } else if (t.dtype !== first.dtype) {
      throw new RnnkitError(
        op,
        `dtypes differ: ${firstName} is ${first.dtype}, ${name} is ${t.dtype}`,
      );
    }
  }
  const h = args.h as Tensor;
  if (h.rank !== 2) {
    throw new RnnkitError(op, `h must be [B,H] (rank 2), got ${shapeToString(h.shape)}`);
  }
  return { batch: h.shape[0] as number, hidden: h.shape[1] as number };
}

/** Throws `op: name must be [B,4H] = [2,12], got [2,10]` when the shape differs. */
export function checkCellShape(
  op: string,
  name: string,
  x: Tensor,
  pattern: string,
  expected: readonly number[],
): void {
  if (!sameShape(x.shape, expected)) {
    throw new RnnkitError(
      op,
      `${name} must be ${pattern} = ${shapeToString(expected)}, got ${shapeToString(x.shape)}`,
    );
  }
}
