import { RnnkitError, shapeToString } from "../../errors.js";
import type { Tensor } from "../../tensor.js";
import { assertTensor } from "../../util/to-tensor.js";
import { concat } from "./concat.js";

/**
 * Repeats `x` reps[axis] times along each axis: out.shape[i] = x.shape[i] · reps[i].
 * Composite: one concat of copies per repeated axis (its gradient sums the copies).
 * @example tile(tensor([1, 2]), [3]) // [1, 2, 1, 2, 1, 2]
 */
export function tile(x: Tensor, reps: readonly number[]): Tensor {
  assertTensor("tile", "x", x);
  if (reps.length !== x.rank || reps.some((r) => !Number.isInteger(r) || r < 1)) {
    throw new RnnkitError(
      "tile",
      `expected ${x.rank} positive integer repetitions for x of shape ${shapeToString(x.shape)}, got ${JSON.stringify(reps)}`,
    );
  }
  let out = x;
  reps.forEach((r, axis) => {
    if (r === 1) return;
    const next = concat(new Array<Tensor>(r).fill(out), axis);
    if (out !== x) out.dispose();
    out = next;
  });
  return out;
}
