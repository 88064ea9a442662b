import { type Dtype, sizeFromShape, type TypedArray } from "@rnnkit/core-tensor";
import { allocate } from "../../buffer-pool.js";

/**
 * Any reduction over a set of axes, seen as [outer, reduced, inner] blocks after moving the reduced
 * axes together. When the reduced axes are contiguous no copy is needed; otherwise the caller
 * transposes first. Returns undefined when the axes are not contiguous.
 */
export function contiguousLayout(
  shape: readonly number[],
  axes: readonly number[],
): { outer: number; reduced: number; inner: number } | undefined {
  if (axes.length === 0) return { outer: sizeFromShape(shape), reduced: 1, inner: 1 };
  const first = axes[0] as number;
  const last = axes[axes.length - 1] as number;
  if (last - first + 1 !== axes.length) return undefined;
  return {
    outer: sizeFromShape(shape.slice(0, first)),
    reduced: sizeFromShape(shape.slice(first, last + 1)),
    inner: sizeFromShape(shape.slice(last + 1)),
  };
}

/** Permutes values so that `axes` become the trailing axes (a copy), for non-contiguous reductions. */
export function moveAxesLast(
  values: ArrayLike<number>,
  shape: readonly number[],
  axes: readonly number[],
  out: { [i: number]: number; length: number },
): number[] {
  const keep = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const perm = [...keep, ...axes];
  const newShape = perm.map((p) => shape[p] as number);
  const rank = shape.length;
  const inStrides = new Array<number>(rank);
  let s = 1;
  for (let i = rank - 1; i >= 0; i--) {
    inStrides[i] = s;
    s *= shape[i] as number;
  }
  const permStrides = perm.map((p) => inStrides[p] as number);
  const counter = new Array<number>(rank).fill(0);
  let src = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = values[src] as number;
    for (let d = rank - 1; d >= 0; d--) {
      counter[d] = (counter[d] as number) + 1;
      src += permStrides[d] as number;
      if ((counter[d] as number) < (newShape[d] as number)) break;
      src -= (permStrides[d] as number) * (newShape[d] as number);
      counter[d] = 0;
    }
  }
  return newShape;
}

/**
 * The [outer, reduced, inner] layout of a reduction over `axes`, with the values to read it from:
 * `x` itself when the axes are contiguous, else a copy with `axes` moved last.
 */
export function reduceLayout(
  x: TypedArray,
  shape: readonly number[],
  axes: readonly number[],
  dtype: Dtype,
): { values: TypedArray; outer: number; reduced: number; inner: number } {
  const layout = contiguousLayout(shape, axes);
  if (layout !== undefined) return { values: x, ...layout };
  const moved = allocate(dtype, x.length);
  const newShape = moveAxesLast(x, shape, axes, moved);
  const rank = shape.length;
  const movedLayout = contiguousLayout(
    newShape,
    axes.map((_, i) => rank - axes.length + i),
  ) as { outer: number; reduced: number; inner: number };
  return { values: moved, ...movedLayout };
}
