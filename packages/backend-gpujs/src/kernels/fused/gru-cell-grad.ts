import { type KernelConfig, kernels, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, FLAT, flatIndex, floorDivide, quotient } from "../source.js";

/**
 * Backward of one GRU step from dh' and the saved gates r, z, n, hn. Per element:
 *   dn = dh'(1 − z)(1 − n²),  dz = dh'(h − n)z(1 − z)
 *   resetAfter: dhn = dn∘r,  dr = dn∘hn∘r(1 − r)
 *   otherwise:  dhn = dn,    d(r∘h) = dhn·W_hn (one launch),  dr = d(r∘h)∘h∘r(1 − r)
 * One launch writes [dXProj = (dr, dz, dn) | dRec = (dr, dz, dhn)], the last one
 *   dh = dh'∘z (+ d(r∘h)∘r) + dRec·W_hh,  dW_hh = dRecᵀ·h (rows of W_hn: ·(r∘h) without
 *   resetAfter),  db_hh = Σ_batch dRec.
 */
export const gruCellGradConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.GruCellGrad,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { dh, gates, h, weightHh } = inputs as kernels.GruCellGradInputs;
    const { resetAfter } = attrs as kernels.GruCellAttrs;
    const [batch, hidden] = h.shape as [number, number];
    const dtype = h.dtype;
    const H = hidden;
    const BH = batch * H;
    const o = (t: TensorInfo) => backend.offset(t);
    const gate = (b: string, g: number, j: string) =>
      at("g", o(gates), `${flatIndex(b, 4 * H, j)} + ${g * H}`);
    let rh: TensorInfo | undefined;
    if (!resetAfter) {
      // d(r∘h)[b,k] = Σ_j dn[b,j]·W_hn[j,k]
      const source = `function (dh, g, w) {
  ${floorDivide(FLAT, H, "b")}
  const k = ${FLAT} - (b | 0) * ${H};
  let s = 0.0;
  for (let j = 0; j < this.constants.H; j++) {
    const z = ${gate("b", 1, "j")};
    const n = ${gate("b", 2, "j")};
    const dn = ${at("dh", o(dh), flatIndex("b", H, "j"))} * (1.0 - z) * (1.0 - n * n);
    s += dn * ${at("w", o(weightHh), flatIndex(`(${2 * H} + j)`, H, "k"))};
  }
  return s;
}`;
      rh = backend.run(
        { source, size: BH, constants: { H } },
        [dh, gates, weightHh],
        [batch, H],
        dtype,
      );
    }
    // int32 indices (exact past 2^24 values): k = b·H + j
    const k = flatIndex("b", H, "j");
    const q = `(${FLAT} - (region | 0) * ${3 * BH})`;
    const drExpression = resetAfter
      ? "dn * hn * r * (1.0 - r)"
      : `${at("rh", 0, k)} * ${at("h", o(h), k)} * r * (1.0 - r)`;
    const firstSource = `function (dh, g, h${resetAfter ? "" : ", rh"}) {
  const region = ${FLAT} < ${3 * BH} ? 0.0 : 1.0;
  ${floorDivide(q, 3 * H, "b")}
  const col = ${q} - (b | 0) * ${3 * H};
  const gate = ${quotient("col", H)};
  const j = col - gate * ${H};
  const r = ${gate("b", 0, "j")};
  const z = ${gate("b", 1, "j")};
  const n = ${gate("b", 2, "j")};
  const hn = ${gate("b", 3, "j")};
  const dhk = ${at("dh", o(dh), k)};
  const dn = dhk * (1.0 - z) * (1.0 - n * n);
  let out = dhk * (${at("h", o(h), k)} - n) * z * (1.0 - z);
  if (gate === 0) {
    out = ${drExpression};
  } else if (gate === 2) {
    out = ${resetAfter ? "region === 0.0 ? dn : dn * r" : "dn"};
  }
  return out;
}`;
    const firstInputs = resetAfter ? [dh, gates, h] : [dh, gates, h, rh as TensorInfo];
    const [dXProj, dRec] = backend.runViews({ source: firstSource, size: 6 * BH }, firstInputs, [
      { shape: [batch, 3 * H], dtype },
      { shape: [batch, 3 * H], dtype },
    ]) as [TensorInfo, TensorInfo];
    const recOffset = o(dRec);
    const rec = (b: string, c: string) => at("d", recOffset, flatIndex(b, 3 * H, c));
    // dh rows use W columns c < 3H (resetAfter) or c < 2H (the n rows went through d(r∘h))
    const dhRows = resetAfter ? 3 * H : 2 * H;
    const dhExtra = resetAfter ? "" : ` + ${at("rh", 0, FLAT)} * ${gate("b", 0, "k")}`;
    const wFactor = (p: string) =>
      resetAfter ? "" : ` * (row < ${2 * H} ? 1.0 : ${gate(p, 0, "col")})`;
    const W = 3 * H * H;
    const secondSource = `function (d, w, h, dh, g${resetAfter ? "" : ", rh"}) {
  let s = 0.0;
  if (${FLAT} < ${BH}) {
    ${floorDivide(FLAT, H, "b")}
    const k = ${FLAT} - (b | 0) * ${H};
    for (let c = 0; c < this.constants.rows; c++) {
      s += ${rec("b", "c")} * ${at("w", o(weightHh), flatIndex("c", H, "k"))};
    }
    s += ${at("dh", o(dh), FLAT)} * ${gate("b", 1, "k")}${dhExtra};
  } else if (${FLAT} < ${BH + W}) {
    ${floorDivide(`(${FLAT} - ${BH})`, H, "row")}
    const col = ${FLAT} - ${BH} - (row | 0) * ${H};
    for (let p = 0; p < this.constants.B; p++) {
      s += ${rec("p", "row")} * ${at("h", o(h), flatIndex("p", H, "col"))}${wFactor("p")};
    }
  } else {
    const c = ${FLAT} - ${BH + W};
    for (let p = 0; p < this.constants.B; p++) {
      s += ${rec("p", "c")};
    }
  }
  return s;
}`;
    const secondInputs = [dRec, weightHh, h, dh, gates];
    if (rh !== undefined) secondInputs.push(rh);
    const [dH, dWeightHh, dBiasHh] = backend.runViews(
      { source: secondSource, size: BH + W + 3 * H, constants: { rows: dhRows, B: batch } },
      secondInputs,
      [
        { shape: [batch, H], dtype },
        { shape: [3 * H, H], dtype },
        { shape: [3 * H], dtype },
      ],
    ) as [TensorInfo, TensorInfo, TensorInfo];
    backend.disposeData(dRec.dataId);
    if (rh !== undefined) backend.disposeData(rh.dataId);
    return [dXProj, dH, dWeightHh, dBiasHh];
  },
};
