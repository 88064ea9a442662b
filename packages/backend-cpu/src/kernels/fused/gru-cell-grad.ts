import { type Dtype, type KernelConfig, kernels, type TypedArray } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocate } from "../../buffer-pool.js";
import { matMulImpl } from "../linalg/mat-mul.js";

/**
 * Backward of one GRU step: from dh' and the saved gates (r, z, n, hn), h and W_hh, the gradients
 * of xProj [B,3H], h [B,H], W_hh [3H,H] and b_hh [3H].
 */
export function gruCellGradImpl(
  dh: TypedArray,
  gates: TypedArray,
  h: TypedArray,
  weightHh: TypedArray,
  batch: number,
  hidden: number,
  resetAfter: boolean,
  dtype: Dtype,
): { dXProj: TypedArray; dH: TypedArray; dWeightHh: TypedArray; dBiasHh: TypedArray } {
  const H = hidden;
  const step = gruStepBackward(dh, gates, h, weightHh, batch, hidden, resetAfter, dtype);
  const { dRz, dHn } = step;
  const dWeightHh = allocate(dtype, 3 * H * H);
  // dW_{hr,hz} = d(r,z)ᵀ·h;  dW_hn = dhnᵀ·h (resetAfter) or dhnᵀ·(r∘h)
  matMulImpl(dRz, h, 2 * H, batch, H, true, false, dWeightHh.subarray(0, 2 * H * H));
  matMulImpl(dHn, step.rh ?? h, H, batch, H, true, false, dWeightHh.subarray(2 * H * H));
  // db_hh = Σ_batch of the recurrent pre-activation gradients [d(r,z), dhn]
  const dBiasHh = allocate(dtype, 3 * H);
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < 2 * H; j++)
      dBiasHh[j] = (dBiasHh[j] as number) + (dRz[b * 2 * H + j] as number);
    for (let j = 0; j < H; j++) {
      dBiasHh[2 * H + j] = (dBiasHh[2 * H + j] as number) + (dHn[b * H + j] as number);
    }
  }
  return { dXProj: step.dXProj, dH: step.dH, dWeightHh, dBiasHh };
}

/**
 * The part of a GRU step's backward that does not touch the weight gradients: dXProj [B,3H], dH,
 * and the recurrent pre-activation gradients d(r,z) [B,2H] and dhn [B,H] (with r∘h [B,H] in the
 * course's form), from which dW_hh and db_hh are formed (per step, or once over a whole sequence).
 */
export function gruStepBackward(
  dh: TypedArray,
  gates: TypedArray,
  h: TypedArray,
  weightHh: TypedArray,
  batch: number,
  hidden: number,
  resetAfter: boolean,
  dtype: Dtype,
): { dXProj: TypedArray; dH: TypedArray; dRz: TypedArray; dHn: TypedArray; rh?: TypedArray } {
  const H = hidden;
  const dXProj = allocate(dtype, batch * 3 * H);
  const dH = allocate(dtype, batch * H);
  // gradients of the recurrent pre-activations: r, z columns [B,2H] and hn [B,H]
  const dRz = allocate(dtype, batch * 2 * H);
  const dHn = allocate(dtype, batch * H);
  for (let b = 0; b < batch; b++) {
    const x = b * 3 * H;
    const g = b * 4 * H;
    for (let j = 0; j < H; j++) {
      const k = b * H + j;
      const r = gates[g + j] as number;
      const z = gates[g + H + j] as number;
      const n = gates[g + 2 * H + j] as number;
      const hn = gates[g + 3 * H + j] as number;
      const dhk = dh[k] as number;
      // h' = (1 − z)∘n + z∘h:  through n = tanh(·) and z = σ(·); direct dh = dh'∘z
      const dn = dhk * (1 - z) * (1 - n * n);
      const dz = dhk * ((h[k] as number) - n) * z * (1 - z);
      dXProj[x + H + j] = dz;
      dXProj[x + 2 * H + j] = dn;
      dRz[b * 2 * H + H + j] = dz;
      dH[k] = dhk * z;
      if (resetAfter) {
        // n = tanh(x_n + r∘hn):  dhn = dn∘r,  dr = dn∘hn∘r(1 − r)
        dHn[k] = dn * r;
        const dr = dn * hn * r * (1 - r);
        dXProj[x + j] = dr;
        dRz[b * 2 * H + j] = dr;
      } else {
        // n = tanh(x_n + hn), hn = W_hn (r∘h) + b_hn:  dhn = dn
        dHn[k] = dn;
      }
    }
  }
  const weightRz = weightHh.subarray(0, 2 * H * H);
  const weightN = weightHh.subarray(2 * H * H);
  let rh: TypedArray | undefined;
  if (resetAfter) {
    // dh += dhn·W_hn
    matMulImpl(dHn, weightN, batch, H, H, false, false, dH, { accumulate: true });
  } else {
    // d(r∘h) = dhn·W_hn;  dr = d(r∘h)∘h∘r(1 − r);  dh += d(r∘h)∘r
    const dRh = allocate(dtype, batch * H);
    matMulImpl(dHn, weightN, batch, H, H, false, false, dRh);
    rh = allocate(dtype, batch * H);
    for (let b = 0; b < batch; b++) {
      for (let j = 0; j < H; j++) {
        const k = b * H + j;
        const r = gates[b * 4 * H + j] as number;
        const hk = h[k] as number;
        const drh = dRh[k] as number;
        const dr = drh * hk * r * (1 - r);
        dXProj[b * 3 * H + j] = dr;
        dRz[b * 2 * H + j] = dr;
        dH[k] = (dH[k] as number) + drh * r;
        rh[k] = r * hk;
      }
    }
  }
  // dh += d(r,z)·W_{hr,hz}
  matMulImpl(dRz, weightRz, batch, 2 * H, H, false, false, dH, { accumulate: true });
  return rh === undefined ? { dXProj, dH, dRz, dHn } : { dXProj, dH, dRz, dHn, rh };
}

export const gruCellGradConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.GruCellGrad,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { dh, gates, h, weightHh } = inputs as kernels.GruCellGradInputs;
    const { resetAfter } = attrs as kernels.GruCellAttrs;
    const [batch, hidden] = h.shape as [number, number];
    const dtype = h.dtype;
    const out = gruCellGradImpl(
      backend.values(dh),
      backend.values(gates),
      backend.values(h),
      backend.values(weightHh),
      batch,
      hidden,
      resetAfter,
      dtype,
    );
    return [
      backend.makeOutput(out.dXProj, [batch, 3 * hidden], dtype),
      backend.makeOutput(out.dH, [batch, hidden], dtype),
      backend.makeOutput(out.dWeightHh, [3 * hidden, hidden], dtype),
      backend.makeOutput(out.dBiasHh, [3 * hidden], dtype),
    ];
  },
};
