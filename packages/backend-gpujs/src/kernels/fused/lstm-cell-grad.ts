import { type KernelConfig, kernels, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, quotient } from "../source.js";
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
    const firstSource = `function (dh, dc, g, c, cn) {
  const i = this.thread.x;
  const region = i < ${BG} ? 0 : 1;
  const b = region === 0 ? ${quotient("i", G)} : ${quotient(`(i - ${BG})`, H)};
  const col = region === 0 ? i - b * ${G} : i - ${BG} - b * ${H};
  const gate = region === 0 ? ${quotient("col", H)} : 1;
  const j = col - gate * ${H} * (1 - region);
  const k = b * ${H} + j;
  const gi = ${at("g", o(gates), `b * ${G} + j`)};
  const gf = ${at("g", o(gates), `b * ${G} + ${H} + j`)};
  const gg = ${at("g", o(gates), `b * ${G} + ${2 * H} + j`)};
  const go = ${at("g", o(gates), `b * ${G} + ${3 * H} + j`)};
  const dhk = ${at("dh", o(dh), "k")};
  const cnk = ${at("cn", o(cNew), "k")};
  ${tanhStatements("cnk", "tc")}
  const dct = ${at("dc", o(dc), "k")} + dhk * go * (1.0 - tc * tc);
  let out = dct * gf;
  if (region === 0) {
    if (gate === 0) {
      out = dct * gg * gi * (1.0 - gi);
    } else if (gate === 1) {
      out = dct * ${at("c", o(c), "k")} * gf * (1.0 - gf);
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
    const secondSource = `function (dg, w, h) {
  const i = this.thread.x;
  let s = 0.0;
  if (i < ${BH}) {
    const b = ${quotient("i", H)};
    const j = i - b * ${H};
    for (let p = 0; p < this.constants.G; p++) {
      s += dg[b * ${G} + p] * ${at("w", o(weightHh), `p * ${H} + j`)};
    }
  } else {
    const q = i - ${BH};
    const row = ${quotient("q", H)};
    const col = q - row * ${H};
    for (let p = 0; p < this.constants.B; p++) {
      s += dg[p * ${G} + row] * ${at("h", o(h), `p * ${H} + col`)};
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
