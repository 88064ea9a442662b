import { runKernel } from "../../engine.js";
import { RnnkitError, shapeToString } from "../../errors.js";
import { Slice, type SliceAttrs } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { assertTensor } from "../../util/to-tensor.js";
import { pad } from "./pad.js";

/**
 * The block of `x` that starts at `begin` and spans `size` (-1: to the end of that axis). Missing
 * trailing entries mean begin 0 and size -1; a number is the entry for axis 0.
 * @example slice(tensor([[1, 2, 3], [4, 5, 6]]), [0, 1], [2, 2]) // [[2, 3], [5, 6]]
 */
export function slice(
  x: Tensor,
  begin: number | readonly number[],
  size?: number | readonly number[],
): Tensor {
  assertTensor("slice", "x", x);
  const beginList = typeof begin === "number" ? [begin] : [...begin];
  const sizeList = size === undefined ? [] : typeof size === "number" ? [size] : [...size];
  if (beginList.length > x.rank || sizeList.length > x.rank) {
    throw new RnnkitError(
      "slice",
      `begin ${shapeToString(beginList)} and size ${shapeToString(sizeList)} may have at most ${x.rank} entries for x of shape ${shapeToString(x.shape)}`,
    );
  }
  const resolvedBegin: number[] = [];
  const resolvedSize: number[] = [];
  for (let axis = 0; axis < x.rank; axis++) {
    const dim = x.shape[axis] as number;
    const b = beginList[axis] ?? 0;
    const requested = sizeList[axis] ?? -1;
    const s = requested === -1 ? dim - b : requested;
    if (!Number.isInteger(b) || !Number.isInteger(s) || b < 0 || s < 0 || b + s > dim) {
      throw new RnnkitError(
        "slice",
        `begin ${shapeToString(beginList)} with size ${shapeToString(sizeList)} must lie inside x of shape ${shapeToString(x.shape)}, but on axis ${axis} it spans [${b}, ${b + s}) of [0, ${dim})`,
      );
    }
    resolvedBegin.push(b);
    resolvedSize.push(s);
  }
  if (resolvedSize.every((s, i) => s === x.shape[i])) return x;
  const attrs: SliceAttrs = { begin: resolvedBegin, size: resolvedSize };
  return runKernel(Slice, { x }, attrs);
}

/** dx: dy placed at `begin` inside zeros of x's shape (a pad, itself composed of concats). */
export const sliceGradConfig: GradConfig = {
  kernelName: Slice,
  gradFunc: (dy, { inputs, attrs }) => ({
    x: () => {
      const { begin, size } = attrs as SliceAttrs;
      const shape = (inputs.x as Tensor).shape;
      return pad(
        dy,
        begin.map((b, axis) => [b, (shape[axis] as number) - b - (size[axis] as number)]),
      );
    },
  }),
};
