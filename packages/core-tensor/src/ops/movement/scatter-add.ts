import { runKernel } from "../../engine.js";
import { RnnkitError, shapeToString } from "../../errors.js";
import { ScatterAdd, type ScatterAddAttrs } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { normalizeAxis, sameShape } from "../../util/shape.js";
import { assertTensor } from "../../util/to-tensor.js";
import { assertShape } from "../creation/fill.js";
import { checkIndices } from "./check-indices.js";
import { gather } from "./gather.js";

/**
 * The adjoint of `gather`: zeros of `shape` with the entries of `dy` added at `indices` along
 * `axis` (repeated indices accumulate):
 *   out[a…, indices[j…], b…] += dy[a…, j…, b…],
 *   dy.shape = shape[:axis] + indices.shape + shape[axis+1:].
 * @example scatterAdd(tensor([1, 2, 3]), tensor([0, 2, 0], [3], "int32"), 0, [3]) // [4, 0, 2]
 */
export function scatterAdd(
  dy: Tensor,
  indices: Tensor,
  axis: number,
  shape: readonly number[],
): Tensor {
  assertTensor("scatterAdd", "dy", dy);
  assertShape("scatterAdd", shape);
  if (shape.length === 0)
    throw new RnnkitError("scatterAdd", "expected a shape of rank ≥ 1, got []");
  const resolved = normalizeAxis("scatterAdd", axis, shape.length);
  checkIndices(
    "scatterAdd",
    indices,
    shape[resolved] as number,
    `axis ${resolved} of shape ${shapeToString(shape)}`,
  );
  const expected = [...shape.slice(0, resolved), ...indices.shape, ...shape.slice(resolved + 1)];
  if (!sameShape(dy.shape, expected)) {
    throw new RnnkitError(
      "scatterAdd",
      `dy must have shape ${shapeToString(expected)} (shape ${shapeToString(shape)} with axis ${resolved} replaced by indices ${shapeToString(indices.shape)}), got ${shapeToString(dy.shape)}`,
    );
  }
  const attrs: ScatterAddAttrs = { axis: resolved, shape: [...shape] };
  return runKernel(ScatterAdd, { dy, indices }, attrs);
}

/** ScatterAdd is linear in dy; its adjoint is gather: d(dy) = gather(ddy, indices, axis). */
export const scatterAddGradConfig: GradConfig = {
  kernelName: ScatterAdd,
  gradFunc: (ddy, { inputs, attrs }) => ({
    dy: () => gather(ddy, inputs.indices as Tensor, (attrs as ScatterAddAttrs).axis),
  }),
};
