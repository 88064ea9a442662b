import { type Dtype, kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

/** out = condition ≠ 0 ? a : b, all three broadcast together (tf.where broadcasts since 3.x). */
export const whereConfig = tfjsKernelConfig(
  kernels.Where,
  ({ x }) => {
    const condition = x.condition as tf.Tensor;
    const isTrue = tf.notEqual(condition, tf.zerosLike(condition));
    return tf.where(isTrue, x.a as tf.Tensor, x.b as tf.Tensor);
  },
  (dtypes) => dtypes.a as Dtype,
);
