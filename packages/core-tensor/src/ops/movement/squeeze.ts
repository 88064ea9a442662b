import { RnnkitError, shapeToString } from "../../errors.js";
import type { Tensor } from "../../tensor.js";
import { normalizeAxes } from "../../util/shape.js";
import { assertTensor } from "../../util/to-tensor.js";
import { reshape } from "./reshape.js";

/**
 * Removes axes of size 1: the listed `axes` (each must have size 1), or every size-1 axis.
 * Composite: a reshape.
 * @example squeeze(tensor([[1], [2]])).shape // [2]
 */
export function squeeze(x: Tensor, axes?: number | readonly number[]): Tensor {
  assertTensor("squeeze", "x", x);
  const drop =
    axes === undefined
      ? x.shape.flatMap((d, i) => (d === 1 ? [i] : []))
      : normalizeAxes("squeeze", axes, x.rank);
  for (const axis of drop) {
    if (x.shape[axis] !== 1) {
      throw new RnnkitError(
        "squeeze",
        `axis ${axis} must have size 1, but x has shape ${shapeToString(x.shape)}`,
      );
    }
  }
  return reshape(
    x,
    x.shape.filter((_, i) => !drop.includes(i)),
  );
}
