import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

/**
 * One LSTM step (gate order i, f, g, o) in one tf.tidy. Outputs h' [B,H], c' [B,H] and the
 * activated gates [B,4H] saved for LstmCellGrad.
 */
export const lstmCellConfig = tfjsKernelConfig(kernels.LstmCell, ({ x }) => {
  const { xProj, h, c, weightHh } = x as Record<keyof kernels.LstmCellInputs, tf.Tensor2D>;
  // pre-activations = xProj + h·W_hhᵀ
  const pre = tf.add(xProj, tf.matMul(h, weightHh, false, true));
  const [iPre, fPre, gPre, oPre] = tf.split(pre, 4, 1) as tf.Tensor2D[];
  // i = σ(·), f = σ(·), g = tanh(·), o = σ(·)
  const i = tf.sigmoid(iPre as tf.Tensor2D);
  const f = tf.sigmoid(fPre as tf.Tensor2D);
  const g = tf.tanh(gPre as tf.Tensor2D);
  const o = tf.sigmoid(oPre as tf.Tensor2D);
  // c' = f∘c + i∘g;  h' = o∘tanh(c')
  const cNew = tf.add(tf.mul(f, c), tf.mul(i, g));
  const hNew = tf.mul(o, tf.tanh(cNew));
  return [hNew, cNew, tf.concat([i, f, g, o], 1)];
});
