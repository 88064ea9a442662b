import { kernels, matMulGeometry } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

/**
 * op(a) · op(b) on tf.matMul: both operands seen as [batch, rows, cols] (tfjs broadcasts a batch of
 * 1), the result reshaped to [...the larger batch shape, m, n] as on the CPU backend.
 */
export const matMulConfig = tfjsKernelConfig(kernels.MatMul, ({ x, attrs }) => {
  const { transposeA, transposeB } = attrs as kernels.MatMulAttrs;
  const a = x.a as tf.Tensor;
  const b = x.b as tf.Tensor;
  const [aRows, aCols] = a.shape.slice(-2) as [number, number];
  const [bRows, bCols] = b.shape.slice(-2) as [number, number];
  const { m, n, aBatch, bBatch, batchShape } = matMulGeometry(
    a.shape,
    b.shape,
    transposeA,
    transposeB,
  );
  if (a.rank === 2 && b.rank === 2) {
    return tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, transposeA, transposeB);
  }
  if (bBatch === 1 && !transposeA) {
    // the batches of a are consecutive rows: one [batch·m, k] × op(b) product
    const rows = tf.reshape(a, [aBatch * aRows, aCols]) as tf.Tensor2D;
    const product = tf.matMul(
      rows,
      tf.reshape(b, [bRows, bCols]) as tf.Tensor2D,
      false,
      transposeB,
    );
    return tf.reshape(product, [...batchShape, m, n]);
  }
  const a3 = tf.reshape(a, [aBatch, aRows, aCols]) as tf.Tensor3D;
  const b3 = tf.reshape(b, [bBatch, bRows, bCols]) as tf.Tensor3D;
  return tf.reshape(tf.matMul(a3, b3, transposeA, transposeB), [...batchShape, m, n]);
});
