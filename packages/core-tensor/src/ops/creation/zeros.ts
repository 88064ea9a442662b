import type { Dtype } from "../../dtype.js";
import type { Tensor } from "../../tensor.js";
import { fill } from "./fill.js";

/** A tensor of zeros. */
export function zeros(shape: readonly number[], dtype: Dtype = "float32"): Tensor {
  return fill(shape, 0, dtype);
}

/** Zeros with the shape and dtype of `x`. */
export function zerosLike(x: Tensor): Tensor {
  return fill(x.shape, 0, x.dtype);
}
