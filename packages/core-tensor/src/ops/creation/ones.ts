import type { Dtype } from "../../dtype.js";
import type { Tensor } from "../../tensor.js";
import { fill } from "./fill.js";

/** A tensor of ones. */
export function ones(shape: readonly number[], dtype: Dtype = "float32"): Tensor {
  return fill(shape, 1, dtype);
}

/** Ones with the shape and dtype of `x`. */
export function onesLike(x: Tensor): Tensor {
  return fill(x.shape, 1, x.dtype);
}
