import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

/** One output per index along `axis`, that axis removed. */
export const unstackConfig = tfjsKernelConfig(kernels.Unstack, ({ x, attrs }) =>
  tf.unstack(x.x as tf.Tensor, (attrs as kernels.UnstackAttrs).axis),
);
