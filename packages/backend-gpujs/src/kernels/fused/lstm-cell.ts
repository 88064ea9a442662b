import { type KernelConfig, kernels, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, quotient } from "../source.js";
import { sigmoidStatements, tanhStatements } from "./activation.js";

/**
 * One LSTM step (gate order i, f, g, o) in two launches:
 * 1. gates [B,4H]: each thread one gate, pre = xProj + h·W_hhᵀ (a loop of H), then σ or tanh;
 * 2. [h' | c'] [2,B,H]: c' = f∘c + i∘g, h' = o∘tanh(c'); h' and c' are views of this one buffer.
 */
export const lstmCellConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.LstmCell,
  backendName: "gpujs",
  kernelFunc: ({ inputs, backend }) => {
    const { xProj, h, c, weightHh } = inputs as kernels.LstmCellInputs;
    const [batch, hidden] = h.shape as [number, number];
    const dtype = h.dtype;
    const H = hidden;
    const G = 4 * H;
    const gatesSource = `function (xp, h, w) {
  const i = this.thread.x;
  const b = ${quotient("i", G)};
  const col = i - b * ${G};
  let pre = ${at("xp", backend.offset(xProj), "i")};
  for (let p = 0; p < this.constants.H; p++) {
    pre += ${at("h", backend.offset(h), `b * ${H} + p`)} * ${at("w", backend.offset(weightHh), `col * ${H} + p`)};
  }
  ${sigmoidStatements("pre", "s")}
  ${tanhStatements("pre", "t")}
  return ${quotient("col", H)} === 2 ? t : s;
}`;
    const gates = backend.run(
      { source: gatesSource, size: batch * G, constants: { H } },
      [xProj, h, weightHh],
      [batch, G],
      dtype,
    );
    const BH = batch * H;
    const stateSource = `function (g, c) {
  const i = this.thread.x;
  const z = i < ${BH} ? 0 : 1;
  const k = i - z * ${BH};
  const b = ${quotient("k", H)};
  const j = k - b * ${H};
  const gi = g[b * ${G} + j];
  const gf = g[b * ${G} + ${H} + j];
  const gg = g[b * ${G} + ${2 * H} + j];
  const go = g[b * ${G} + ${3 * H} + j];
  const cn = gf * ${at("c", backend.offset(c), "k")} + gi * gg;
  ${tanhStatements("cn", "tc")}
  return z === 0 ? go * tc : cn;
}`;
    const [hNew, cNew] = backend.runViews(
      { source: stateSource, size: 2 * BH },
      [gates, c],
      [
        { shape: [batch, H], dtype },
        { shape: [batch, H], dtype },
      ],
    ) as [TensorInfo, TensorInfo];
    return [hNew, cNew, gates];
  },
};
