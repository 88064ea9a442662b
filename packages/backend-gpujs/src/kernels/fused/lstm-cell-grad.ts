import { type KernelConfig, kernels, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, FLAT, flatIndex, floorDivide, quotient } from "../source.js";
import { tanhStatements } from "./activation.js";

/**
 * Backward of one LSTM step in two launches:
 * 1. [dXProj | dC]: per element, with total dc' = dc' + dh'∘o∘(1 − tanh²c'),
 *    d(i, f, g, o) pre-activations = dc'·g·i(1−i), dc'·c·f(1−f), dc'·i·(1−g²), dh'·tanh(c')·o(1−o),
 *    and dc = dc'∘f;
 * 2. [dH | dW_hh]: dh = dGates·W_hh (a loop of 4H), dW_hh = dGatesᵀ·h (a loop of B).
 */
export const lstmCellGradConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.LstmCellGrad,
  backendName: "gpujs",
  kernelFunc: ({ inputs, backend }) => {
    const { dh, dc, gates, c, cNew, h, weightHh } = inputs as kernels.LstmCellGradInputs;
    const [batch, hidden] = h.shape as [number, number];
    const dtype = h.dtype;
    const H = hidden;
    const G = 4 * H;
    const BG = batch * G;
    const o = (t: TensorInfo) => backend.offset(t);
    // int32 indices (exact past 2^24 values): b, col, gate, j float32 integers below 2^24; region 0
    // is dXProj [b, col] (col = gate·H + j), region 1 is dC [b, j]
    const rest = `(${FLAT} - (region | 0) * ${BG})`;
    const width = `(${G} - (region | 0) * ${3 * H})`;
    const gb = `${flatIndex("b", G, "j")} + ${o(gates)}`;
    const k = flatIndex("b", H, "j");
    const firstSource = `function (dh, dc, g, c, cn) {
  const region = ${FLAT} < ${BG} ? 0.0 : 1.0;
  ${floorDivide(rest, G, "bg")}
  ${floorDivide(rest, H, "bh")}
  const b = region === 0.0 ? bg : bh;
  const col = ${rest} - (b | 0) * ${width};
  const gate = region === 0.0 ? ${quotient("col", H)} : 1.0;
  const j = col - gate * ${H}.0 * (1.0 - region);
  const gi = g[${gb}];
  const gf = g[${gb} + ${H}];
  const gg = g[${gb} + ${2 * H}];
  const go = g[${gb} + ${3 * H}];
  const dhk = ${at("dh", o(dh), k)};
  const cnk = ${at("cn", o(cNew), k)};
  ${tanhStatements("cnk", "tc")}
  const dct = ${at("dc", o(dc), k)} + dhk * go * (1.0 - tc * tc);
  let out = dct * gf;
  if (region === 0) {
    if (gate === 0) {
      out = dct * gg * gi * (1.0 - gi);
    } else if (gate === 1) {
      out = dct * ${at("c", o(c), k)} * gf * (1.0 - gf);
    } else if (gate === 2) {
      out = dct * gi * (1.0 - gg * gg);
    } else {
      out = dhk * tc * go * (1.0 - go);
    }
  }
  return out;
}`;
    const [dXProj, dC] = backend.runViews(
      { source: firstSource, size: BG + batch * H },
      [dh, dc, gates, c, cNew],
      [
        { shape: [batch, G], dtype },
        { shape: [batch, H], dtype },
      ],
    ) as [TensorInfo, TensorInfo];
    const BH = batch * H;
    const q = `(${FLAT} - ${BH})`;
    const secondSource = `function (dg, w, h) {
  let s = 0.0;
  if (${FLAT} < ${BH}) {
    ${floorDivide(FLAT, H, "b")}
    const j = ${FLAT} - (b | 0) * ${H};
    for (let p = 0; p < this.constants.G; p++) {
      s += dg[${flatIndex("b", G, "p")}] * ${at("w", o(weightHh), flatIndex("p", H, "j"))};
    }
  } else {
    ${floorDivide(q, H, "row")}
    const col = ${q} - (row | 0) * ${H};
    for (let p = 0; p < this.constants.B; p++) {
      s += dg[${flatIndex("p", G, "row")}] * ${at("h", o(h), flatIndex("p", H, "col"))};
    }
  }
  return s;
}`;
    const [dH, dWeightHh] = backend.runViews(
      { source: secondSource, size: BH + G * H, constants: { G, B: batch } },
      [dXProj, weightHh, h],
      [
        { shape: [batch, H], dtype },
        { shape: [G, H], dtype },
      ],
    ) as [TensorInfo, TensorInfo];
    return [dXProj, dH, dC, dWeightHh];
  },
};
