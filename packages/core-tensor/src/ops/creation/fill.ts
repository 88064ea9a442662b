import { allocate, type Dtype } from "../../dtype.js";
import { engine } from "../../engine.js";
import { RnnkitError, shapeToString } from "../../errors.js";
import type { Tensor } from "../../tensor.js";
import { sizeFromShape } from "../../util/shape.js";

export function assertShape(op: string, shape: readonly number[]): void {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new RnnkitError(
      op,
      `expected a shape of non-negative integers, got ${shapeToString(shape)}`,
    );
  }
}

/** A tensor of `shape` with every element `value`. */
export function fill(shape: readonly number[], value: number, dtype: Dtype = "float32"): Tensor {
  assertShape("fill", shape);
  const values = allocate(dtype, sizeFromShape(shape));
  if (value !== 0) values.fill(value);
  return engine().makeTensorFromValues(values, shape, dtype);
}
