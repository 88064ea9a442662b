import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

/** Output shape x.shape[:axis] + indices.shape + x.shape[axis+1:], as tf.gather gives it. */
export const gatherConfig = tfjsKernelConfig(kernels.Gather, ({ x, attrs }) =>
  tf.gather(x.x as tf.Tensor, x.indices as tf.Tensor, (attrs as kernels.GatherAttrs).axis),
);
