import { runKernel } from "../../engine.js";
import { RnnkitError, shapeToString } from "../../errors.js";
import { Reshape, type ReshapeAttrs } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { sizeFromShape } from "../../util/shape.js";
import { assertTensor } from "../../util/to-tensor.js";

/** Same values, new shape; one dimension may be -1 (inferred). */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  assertTensor("reshape", "x", x);
  const resolved = [...shape];
  const unknown = resolved.indexOf(-1);
  if (unknown !== resolved.lastIndexOf(-1)) {
    throw new RnnkitError("reshape", `only one dimension may be -1, got ${shapeToString(shape)}`);
  }
  if (unknown >= 0) {
    const known = sizeFromShape(resolved.filter((d) => d !== -1));
    if (known === 0 || x.size % known !== 0) {
      throw new RnnkitError(
        "reshape",
        `cannot infer -1 in ${shapeToString(shape)} for ${x.size} values`,
      );
    }
    resolved[unknown] = x.size / known;
  }
  if (resolved.some((d) => !Number.isInteger(d) || d < 0) || sizeFromShape(resolved) !== x.size) {
    throw new RnnkitError(
      "reshape",
      `cannot reshape ${shapeToString(x.shape)} (${x.size} values) to ${shapeToString(shape)}`,
    );
  }
  if (resolved.length === x.shape.length && resolved.every((d, i) => d === x.shape[i])) return x;
  const attrs: ReshapeAttrs = { shape: resolved };
  return runKernel(Reshape, { x }, attrs);
}

/** The gradient of a reshape is dy reshaped back. */
export const reshapeGradConfig: GradConfig = {
  kernelName: Reshape,
  gradFunc: (dy, { inputs }) => ({ x: () => reshape(dy, (inputs.x as Tensor).shape) }),
};
