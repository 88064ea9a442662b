import { RnnkitError } from "../../errors.js";
import type { Tensor } from "../../tensor.js";
import { stridesOf } from "../../util/shape.js";
import { assertDtypeIs, assertTensor } from "../../util/to-tensor.js";

/**
 * Checks that `indices` is an int32 tensor whose values all lie in [0, limit). Reads the values on
 * the host: indices are small, and an out-of-range index must fail here, not inside a kernel.
 * The error names the op, the bad value, its position and the range (`range` says what it indexes).
 */
export function checkIndices(op: string, indices: Tensor, limit: number, range: string): void {
  assertTensor(op, "indices", indices);
  assertDtypeIs(op, "indices", indices, "int32");
  const values = indices.dataSync();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v >= 0 && v < limit) continue;
    const strides = stridesOf(indices.shape);
    const position = strides.map((s, d) => Math.floor(i / s) % (indices.shape[d] as number));
    throw new RnnkitError(
      op,
      `indices must lie in [0, ${limit}) (${range}), but indices[${position.join(",")}] is ${v}`,
    );
  }
}
