import { kernels, sizeFromShape } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

/**
 * out = zeros(shape); out[o, indices[j], i] += dy[o, j, i] (out seen as [outer, n, inner], dy as
 * [outer, m, inner]). tf.scatterND sums repeated indices; it scatters along the first axis, so the
 * scattered axis is moved to the front and back.
 */
export const scatterAddConfig = tfjsKernelConfig(kernels.ScatterAdd, ({ x, attrs }) => {
  const { axis, shape } = attrs as kernels.ScatterAddAttrs;
  const dy = x.dy as tf.Tensor;
  const indices = x.indices as tf.Tensor;
  const outer = sizeFromShape(shape.slice(0, axis));
  const n = shape[axis] as number;
  const inner = sizeFromShape(shape.slice(axis + 1));
  const m = indices.size;
  const updates = tf.transpose(tf.reshape(dy, [outer, m, inner]), [1, 0, 2]);
  const scattered = tf.scatterND(tf.reshape(indices, [m, 1]), updates, [n, outer, inner]);
  return tf.reshape(tf.transpose(scattered, [1, 0, 2]), shape);
});
