import { runKernel } from "../../engine.js";
import { RnnkitError, shapeToString } from "../../errors.js";
import { Gather, type GatherAttrs } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { normalizeAxis } from "../../util/shape.js";
import { assertTensor } from "../../util/to-tensor.js";
import { checkIndices } from "./check-indices.js";
import { scatterAdd } from "./scatter-add.js";

/**
 * Picks entries of `x` along `axis` by int32 `indices` of any shape:
 *   out[a…, j…, b…] = x[a…, indices[j…], b…],
 *   out.shape = x.shape[:axis] + indices.shape + x.shape[axis+1:].
 * An index outside [0, x.shape[axis]) is an error.
 * @example gather(tensor([[1, 2], [3, 4], [5, 6]]), tensor([2, 0], [2], "int32")) // [[5, 6], [1, 2]]
 */
export function gather(x: Tensor, indices: Tensor, axis = 0): Tensor {
  assertTensor("gather", "x", x);
  if (x.rank === 0) throw new RnnkitError("gather", "expected x of rank ≥ 1, got a scalar");
  const resolved = normalizeAxis("gather", axis, x.rank);
  const dim = x.shape[resolved] as number;
  checkIndices("gather", indices, dim, `axis ${resolved} of x ${shapeToString(x.shape)}`);
  const attrs: GatherAttrs = { axis: resolved };
  return runKernel(Gather, { x, indices }, attrs);
}

/** dx = scatterAdd(dy, indices): each dy entry goes back to the row it came from (repeats add). */
export const gatherGradConfig: GradConfig = {
  kernelName: Gather,
  gradFunc: (dy, { inputs, attrs }) => ({
    x: () =>
      scatterAdd(
        dy,
        inputs.indices as Tensor,
        (attrs as GatherAttrs).axis,
        (inputs.x as Tensor).shape,
      ),
  }),
};
