import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

/**
 * Backward of one LSTM step, from dh', dc' and the saved gates (i, f, g, o), c, c', h, W_hh:
 * outputs dXProj [B,4H], dH [B,H], dC [B,H], dWeightHh [4H,H].
 */
export const lstmCellGradConfig = tfjsKernelConfig(kernels.LstmCellGrad, ({ x }) => {
  const { dh, dc, gates, c, cNew, h, weightHh } = x as Record<
    keyof kernels.LstmCellGradInputs,
    tf.Tensor2D
  >;
  const [i, f, g, o] = tf.split(gates, 4, 1) as [
    tf.Tensor2D,
    tf.Tensor2D,
    tf.Tensor2D,
    tf.Tensor2D,
  ];
  const tc = tf.tanh(cNew);
  // total dc' = dc' + dh'∘o∘(1 − tanh²c')   (h' = o∘tanh(c'))
  const dct = tf.add(dc, tf.mul(tf.mul(dh, o), tf.sub(1, tf.square(tc))));
  // pre-activation gradients, σ' = σ(1 − σ), tanh' = 1 − tanh²  (c' = f∘c + i∘g)
  const sigmoidSlope = (s: tf.Tensor2D) => tf.mul(s, tf.sub(1, s));
  const di = tf.mul(tf.mul(dct, g), sigmoidSlope(i));
  const df = tf.mul(tf.mul(dct, c), sigmoidSlope(f));
  const dg = tf.mul(tf.mul(dct, i), tf.sub(1, tf.square(g)));
  const dO = tf.mul(tf.mul(dh, tc), sigmoidSlope(o));
  const dXProj = tf.concat([di, df, dg, dO], 1);
  // dc = dc'∘f;  dh = dGates·W_hh;  dW_hh = dGatesᵀ·h   (dGates = dXProj)
  return [dXProj, tf.matMul(dXProj, weightHh), tf.mul(dct, f), tf.matMul(dXProj, h, true, false)];
});
