import { assertDtype, type Dtype } from "../../dtype.js";
import { runKernel } from "../../engine.js";
import { RnnkitError } from "../../errors.js";
import { OneHot, type OneHotAttrs } from "../../kernel-names.js";
import type { Tensor } from "../../tensor.js";
import { checkIndices } from "./check-indices.js";

export interface OneHotOptions {
  /** Value at the index (default 1). */
  onValue?: number;
  /** Value everywhere else (default 0). */
  offValue?: number;
  /** Output dtype (default "float32"). */
  dtype?: Dtype;
}

/**
 * One-hot encoding: out[j…, k] = onValue if indices[j…] = k else offValue, out.shape =
 * indices.shape + [depth]. An index outside [0, depth) is an error (not an all-off row), so a
 * label that does not fit the vocabulary is caught. No gradient: the input is int32.
 * @example oneHot(tensor([2, 0], [2], "int32"), 3) // [[0, 0, 1], [1, 0, 0]]
 */
export function oneHot(indices: Tensor, depth: number, options: OneHotOptions = {}): Tensor {
  const { onValue = 1, offValue = 0 } = options;
  const dtype = assertDtype(options.dtype ?? "float32", "oneHot");
  if (!Number.isInteger(depth) || depth < 1) {
    throw new RnnkitError("oneHot", `depth must be a positive integer, got ${depth}`);
  }
  if (dtype === "int32" && !(Number.isInteger(onValue) && Number.isInteger(offValue))) {
    throw new RnnkitError(
      "oneHot",
      `onValue and offValue must be integers for dtype int32, got ${onValue} and ${offValue}`,
    );
  }
  checkIndices("oneHot", indices, depth, `depth ${depth}`);
  const attrs: OneHotAttrs = { depth, onValue, offValue, dtype };
  return runKernel(OneHot, { indices }, attrs);
}
