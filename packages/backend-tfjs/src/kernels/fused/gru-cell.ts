import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

type T2 = tf.Tensor2D;

/**
 * One GRU step (gate order r, z, n) in one tf.tidy. Outputs h' [B,H] and the saved gates [B,4H] =
 * r, z, n, hn, where hn is the recurrent part of n's pre-activation.
 */
export const gruCellConfig = tfjsKernelConfig(kernels.GruCell, ({ x, attrs }) => {
  const { xProj, h, weightHh, biasHh } = x as Record<keyof kernels.GruCellInputs, T2>;
  const { resetAfter } = attrs as kernels.GruCellAttrs;
  const H = h.shape[1];
  const [xR, xZ, xN] = tf.split(xProj, 3, 1) as [T2, T2, T2];
  const [bR, bZ, bN] = tf.split(biasHh, 3, 0);
  // rec = h·W_hhᵀ [B,3H], or only its r, z columns h·W_{hr,hz}ᵀ [B,2H] without resetAfter
  const [weightRz, weightN] = tf.split(weightHh, [2 * H, H], 0) as [T2, T2];
  const rec = tf.matMul(h, resetAfter ? weightHh : weightRz, false, true);
  const recParts = tf.split(rec, resetAfter ? 3 : 2, 1) as T2[];
  // r = σ(x_r + W_hr h + b_hr),  z = σ(x_z + W_hz h + b_hz)
  const r = tf.sigmoid(tf.add(tf.add(xR, recParts[0] as T2), bR as tf.Tensor1D));
  const z = tf.sigmoid(tf.add(tf.add(xZ, recParts[1] as T2), bZ as tf.Tensor1D));
  // resetAfter: hn = W_hn h + b_hn, n = tanh(x_n + r∘hn)
  // otherwise:  hn = W_hn (r∘h) + b_hn, n = tanh(x_n + hn)
  const hn = resetAfter
    ? tf.add(recParts[2] as T2, bN as tf.Tensor1D)
    : tf.add(tf.matMul(tf.mul(r, h), weightN, false, true), bN as tf.Tensor1D);
  const n = tf.tanh(tf.add(xN, resetAfter ? tf.mul(r, hn) : hn));
  // h' = (1 − z)∘n + z∘h = n + z∘(h − n)
  const hNew = tf.add(n, tf.mul(z, tf.sub(h, n)));
  return [hNew, tf.concat([r, z, n, hn], 1)];
});
