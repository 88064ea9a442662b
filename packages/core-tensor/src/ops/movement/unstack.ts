import type { Tensor } from "../../tensor.js";
import { normalizeAxis } from "../../util/shape.js";
import { assertTensor } from "../../util/to-tensor.js";
import { reshape } from "./reshape.js";
import { slice } from "./slice.js";

/**
 * Splits `x` along `axis` into x.shape[axis] tensors with that axis removed. Composite: slices,
 * then reshapes.
 * @example unstack(tensor([[1, 2], [3, 4]]), 1) // [[1, 3], [2, 4]]
 */
export function unstack(x: Tensor, axis = 0): Tensor[] {
  assertTensor("unstack", "x", x);
  const resolved = normalizeAxis("unstack", axis, x.rank);
  const outShape = x.shape.filter((_, i) => i !== resolved);
  const size = x.shape.map((d, i) => (i === resolved ? 1 : d));
  const out: Tensor[] = [];
  for (let k = 0; k < (x.shape[resolved] as number); k++) {
    const part = slice(
      x,
      x.shape.map((_, i) => (i === resolved ? k : 0)),
      size,
    );
    out.push(reshape(part, outShape));
    if (part !== x) part.dispose();
  }
  return out;
}
