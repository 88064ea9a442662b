import type { Tensor } from "../../tensor.js";
import { sameShape } from "../../util/shape.js";
import { reshape } from "../movement/reshape.js";
import { sum } from "./sum.js";

/**
 * Undoes broadcasting for a gradient: sums `dy` over the axes along which a tensor of `shape` was
 * broadcast, then reshapes to `shape`.
 */
export function sumToShape(dy: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(dy.shape, shape)) return dy;
  const offset = dy.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < dy.rank; i++) {
    if (i < offset || (shape[i - offset] === 1 && dy.shape[i] !== 1)) axes.push(i);
  }
  return reshape(axes.length ? sum(dy, axes, true) : dy, shape);
}
