import { RnnkitError, shapeToString } from "../../errors.js";
import type { Tensor } from "../../tensor.js";
import { normalizeAxis } from "../../util/shape.js";
import { assertTensor } from "../../util/to-tensor.js";
import { slice } from "./slice.js";

/**
 * Splits `x` along `axis` into `numOrSizes` equal parts, or into parts of the listed sizes (one of
 * which may be -1: the rest). Composite: slices.
 * @example split(tensor([1, 2, 3, 4, 5]), [2, -1]) // [[1, 2], [3, 4, 5]]
 */
export function split(x: Tensor, numOrSizes: number | readonly number[], axis = 0): Tensor[] {
  assertTensor("split", "x", x);
  const resolved = normalizeAxis("split", axis, x.rank);
  const dim = x.shape[resolved] as number;
  let sizes: number[];
  if (typeof numOrSizes === "number") {
    if (!Number.isInteger(numOrSizes) || numOrSizes < 1 || dim % numOrSizes !== 0) {
      throw new RnnkitError(
        "split",
        `the number of parts must be a positive integer dividing axis ${resolved} of x ${shapeToString(x.shape)} (size ${dim}), got ${numOrSizes}`,
      );
    }
    sizes = new Array<number>(numOrSizes).fill(dim / numOrSizes);
  } else {
    sizes = [...numOrSizes];
    const unknown = sizes.indexOf(-1);
    const known = sizes.filter((s) => s !== -1);
    const knownSum = known.reduce((a, b) => a + b, 0);
    if (unknown >= 0 && unknown === sizes.lastIndexOf(-1)) sizes[unknown] = dim - knownSum;
    const valid =
      sizes.length > 0 &&
      sizes.every((s) => Number.isInteger(s) && s >= 0) &&
      sizes.reduce((a, b) => a + b, 0) === dim;
    if (!valid) {
      throw new RnnkitError(
        "split",
        `sizes must be non-negative integers (at most one -1) summing to ${dim}, the size of axis ${resolved} of x ${shapeToString(x.shape)}, got ${JSON.stringify(numOrSizes)}`,
      );
    }
  }
  const out: Tensor[] = [];
  let offset = 0;
  for (const s of sizes) {
    out.push(
      slice(
        x,
        x.shape.map((_, i) => (i === resolved ? offset : 0)),
        x.shape.map((d, i) => (i === resolved ? s : d)),
      ),
    );
    offset += s;
  }
  return out;
}
