import { RnnkitError, shapeToString } from "../../errors.js";
import type { Tensor } from "../../tensor.js";
import { assertTensor } from "../../util/to-tensor.js";
import { fill } from "../creation/fill.js";
import { concat } from "./concat.js";

/**
 * Surrounds `x` with `value`: paddings[axis] = [before, after]. Composite: one concat of constant
 * blocks per padded axis, so its gradient is slices of dy.
 * @example pad(tensor([1, 2]), [[1, 2]]) // [0, 1, 2, 0, 0]
 */
export function pad(x: Tensor, paddings: readonly (readonly number[])[], value = 0): Tensor {
  assertTensor("pad", "x", x);
  const valid =
    paddings.length === x.rank &&
    paddings.every((p) => p.length === 2 && p.every((n) => Number.isInteger(n) && n >= 0));
  if (!valid) {
    throw new RnnkitError(
      "pad",
      `expected ${x.rank} pairs [before, after] of non-negative integers for x of shape ${shapeToString(x.shape)}, got ${JSON.stringify(paddings)}`,
    );
  }
  let out = x;
  paddings.forEach(([before = 0, after = 0], axis) => {
    if (before === 0 && after === 0) return;
    const block = (width: number): Tensor =>
      fill(
        out.shape.map((d, i) => (i === axis ? width : d)),
        value,
        x.dtype,
      );
    const blocks: Tensor[] = [];
    if (before > 0) blocks.push(block(before));
    const parts = [...blocks, out];
    if (after > 0) {
      const last = block(after);
      blocks.push(last);
      parts.push(last);
    }
    const next = concat(parts, axis);
    for (const t of blocks) t.dispose();
    if (out !== x) out.dispose();
    out = next;
  });
  return out;
}
