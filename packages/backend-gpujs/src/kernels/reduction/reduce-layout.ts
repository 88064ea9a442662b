import { sizeFromShape, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { transposeInfo } from "../movement/transpose.js";
import { linearIndex, unravel } from "../source.js";

/** A reduction seen as [outer, reduced, inner] blocks of a row-major input. */
export interface ReduceLayout {
  input: TensorInfo;
  outer: number;
  reduced: number;
  inner: number;
  /** An intermediate (the input with the reduced axes moved last) to dispose after use. */
  temporary: TensorInfo | undefined;
}

/**
 * The [outer, reduced, inner] layout of a reduction over `axes` (sorted). Adjacent axes need no
 * copy; otherwise the input is transposed first so that the reduced axes come last.
 */
export function reduceLayout(
  backend: GpujsBackend,
  x: TensorInfo,
  axes: readonly number[],
): ReduceLayout {
  const shape = x.shape;
  if (axes.length === 0) {
    return { input: x, outer: sizeFromShape(shape), reduced: 1, inner: 1, temporary: undefined };
  }
  const first = axes[0] as number;
  const last = axes[axes.length - 1] as number;
  if (last - first + 1 === axes.length) {
    return {
      input: x,
      outer: sizeFromShape(shape.slice(0, first)),
      reduced: sizeFromShape(shape.slice(first, last + 1)),
      inner: sizeFromShape(shape.slice(last + 1)),
      temporary: undefined,
    };
  }
  const keep = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const moved = transposeInfo(backend, x, [...keep, ...axes]);
  return {
    input: moved,
    outer: sizeFromShape(keep.map((i) => shape[i] as number)),
    reduced: sizeFromShape(axes.map((i) => shape[i] as number)),
    inner: 1,
    temporary: moved,
  };
}

/**
 * For output element `this.thread.x` of a [outer, reduced, inner] layout: statements and `base`,
 * the int32 flat index of its block's first element (element r of the block is at
 * base + r·inner; int32, so exact past 2^24 values).
 */
export function blockBase(
  layout: { outer: number; reduced: number; inner: number },
  offset: number,
): { statements: string; base: string } {
  const { outer, reduced, inner } = layout;
  const { statements, coordinates } = unravel([outer, inner], "c");
  return { statements, base: linearIndex(coordinates, [reduced * inner, 1], offset) };
}
