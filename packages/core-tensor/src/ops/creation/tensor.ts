import { allocate, assertDtype, type Dtype, dtypeOf, type TypedArray } from "../../dtype.js";
import { engine } from "../../engine.js";
import { RnnkitError, shapeToString } from "../../errors.js";
import type { NestedArray, Tensor } from "../../tensor.js";
import { sizeFromShape } from "../../util/shape.js";

/** Anything `tensor()` accepts as values. */
export type TensorLike = TypedArray | NestedArray | readonly number[] | readonly NestedArray[];

function inferShape(values: unknown): number[] {
  const shape: number[] = [];
  let v = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  return shape;
}

function flatten(values: unknown, out: number[], shape: readonly number[], depth: number): void {
  if (Array.isArray(values)) {
    if (values.length !== shape[depth]) {
      throw new RnnkitError(
        "tensor",
        `ragged nested array: expected ${shape[depth]} elements at depth ${depth}, got ${values.length}`,
      );
    }
    for (const v of values) flatten(v, out, shape, depth + 1);
  } else {
    if (depth !== shape.length) {
      throw new RnnkitError(
        "tensor",
        `ragged nested array: a number sits at depth ${depth}, expected ${shape.length}`,
      );
    }
    if (typeof values !== "number" && typeof values !== "boolean") {
      throw new RnnkitError("tensor", `expected numbers, got ${typeof values}`);
    }
    out.push(Number(values));
  }
}

/**
 * Creates a tensor from numbers, nested arrays or a typed array.
 * @example tensor([[1, 2], [3, 4]])            // float32 [2,2]
 * @example tensor([1, 2, 3, 4], [2, 2], "float64")
 */
export function tensor(
  values: TensorLike | number,
  shape?: readonly number[],
  dtype?: Dtype,
): Tensor {
  let flat: TypedArray;
  const resolvedDtype =
    dtype !== undefined
      ? assertDtype(dtype, "tensor")
      : ArrayBuffer.isView(values)
        ? dtypeOf(values as TypedArray)
        : "float32";
  let inferred: number[];
  if (ArrayBuffer.isView(values)) {
    const typed = values as TypedArray;
    inferred = [typed.length];
    flat = allocate(resolvedDtype, typed.length);
    flat.set(typed);
  } else {
    inferred = inferShape(values);
    const list: number[] = [];
    flatten(values, list, inferred, 0);
    flat = allocate(resolvedDtype, list.length);
    flat.set(list);
  }
  const finalShape = shape ?? inferred;
  for (const d of finalShape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new RnnkitError(
        "tensor",
        `shape ${shapeToString(finalShape)} has an invalid dimension ${d}`,
      );
    }
  }
  if (sizeFromShape(finalShape) !== flat.length) {
    throw new RnnkitError(
      "tensor",
      `shape ${shapeToString(finalShape)} needs ${sizeFromShape(finalShape)} values, got ${flat.length}`,
    );
  }
  return engine().makeTensorFromValues(flat, finalShape, resolvedDtype);
}

/** A rank-0 tensor. */
export function scalar(value: number, dtype: Dtype = "float32"): Tensor {
  return tensor([value], [], dtype);
}
