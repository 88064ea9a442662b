import { kernels } from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { tfjsKernelConfig } from "../tfjs-kernel.js";

type T2 = tf.Tensor2D;

/**
 * Backward of one GRU step, from dh' and the saved gates (r, z, n, hn), h and W_hh: outputs
 * dXProj [B,3H], dH [B,H], dWeightHh [3H,H], dBiasHh [3H].
 */
export const gruCellGradConfig = tfjsKernelConfig(kernels.GruCellGrad, ({ x, attrs }) => {
  const { dh, gates, h, weightHh } = x as Record<keyof kernels.GruCellGradInputs, T2>;
  const { resetAfter } = attrs as kernels.GruCellAttrs;
  const H = h.shape[1];
  const [r, z, n, hn] = tf.split(gates, 4, 1) as [T2, T2, T2, T2];
  const [weightRz, weightN] = tf.split(weightHh, [2 * H, H], 0) as [T2, T2];
  const sigmoidSlope = (s: T2) => tf.mul(s, tf.sub(1, s));
  // h' = (1 − z)∘n + z∘h:  through n = tanh(·) and z = σ(·); direct dh = dh'∘z
  const dn = tf.mul(tf.mul(dh, tf.sub(1, z)), tf.sub(1, tf.square(n)));
  const dz = tf.mul(tf.mul(dh, tf.sub(h, n)), sigmoidSlope(z));
  let dH = tf.mul(dh, z);
  let dHn: tf.Tensor;
  let dr: tf.Tensor;
  let dWeightN: tf.Tensor;
  if (resetAfter) {
    // n = tanh(x_n + r∘hn):  dhn = dn∘r,  dr = dn∘hn∘r(1 − r);  dh += dhn·W_hn;  dW_hn = dhnᵀ·h
    dHn = tf.mul(dn, r);
    dr = tf.mul(tf.mul(dn, hn), sigmoidSlope(r));
    dH = tf.add(dH, tf.matMul(dHn, weightN));
    dWeightN = tf.matMul(dHn, h, true, false);
  } else {
    // hn = W_hn (r∘h) + b_hn:  dhn = dn;  d(r∘h) = dhn·W_hn;  dr = d(r∘h)∘h∘r(1 − r);
    // dh += d(r∘h)∘r;  dW_hn = dhnᵀ·(r∘h)
    dHn = dn;
    const dRh = tf.matMul(dHn, weightN);
    dr = tf.mul(tf.mul(dRh, h), sigmoidSlope(r));
    dH = tf.add(dH, tf.mul(dRh, r));
    dWeightN = tf.matMul(dHn, tf.mul(r, h), true, false);
  }
  // dh += d(r,z)·W_{hr,hz};  dW_{hr,hz} = d(r,z)ᵀ·h;  db_hh = Σ_batch [d(r,z), dhn]
  const dRz = tf.concat([dr, dz], 1);
  dH = tf.add(dH, tf.matMul(dRz, weightRz));
  return [
    tf.concat([dr, dz, dn], 1),
    dH,
    tf.concat([tf.matMul(dRz, h, true, false), dWeightN], 0),
    tf.concat([tf.sum(dRz, 0), tf.sum(dHn, 0)], 0),
  ];
});
