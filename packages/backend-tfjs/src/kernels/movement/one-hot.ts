import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfDtype } from "../../backend-tfjs.js";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

/**
 * out[j, k] = onValue if indices[j] = k else offValue (indices range-checked by the op). The 0/1
 * pattern comes from tf.oneHot in int32 and the values from tf.where: tfjs-backend-wasm 4.22's
 * OneHot writes int32 bits whatever dtype it is asked for (1 reads back as 1.4e-45 in float32).
 */
export const oneHotConfig = tfjsKernelConfig(
  kernels.OneHot,
  ({ x, attrs }) => {
    const { depth, onValue, offValue, dtype } = attrs as kernels.OneHotAttrs;
    const hot = tf.cast(tf.oneHot(x.indices as tf.Tensor, depth, 1, 0, "int32"), "bool");
    return tf.where(hot, tf.scalar(onValue, tfDtype(dtype)), tf.scalar(offValue, tfDtype(dtype)));
  },
  (_, attrs) => (attrs as kernels.OneHotAttrs).dtype,
);
