import { type KernelConfig, kernels, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, FLAT, flatIndex, floorDivide, quotient } from "../source.js";
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
    // int32 indices (exact past 2^24 values): b, col and p are float32 integers below 2^24
    const gatesSource = `function (xp, h, w) {
  ${floorDivide(FLAT, G, "b")}
  const col = ${FLAT} - (b | 0) * ${G};
  let pre = ${at("xp", backend.offset(xProj), FLAT)};
  for (let p = 0; p < this.constants.H; p++) {
    pre += ${at("h", backend.offset(h), flatIndex("b", H, "p"))} * ${at("w", backend.offset(weightHh), flatIndex("col", H, "p"))};
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
    const k = `(${FLAT} - (z | 0) * ${BH})`;
    const stateSource = `function (g, c) {
  const z = ${FLAT} < ${BH} ? 0.0 : 1.0;
  ${floorDivide(k, H, "b")}
  const j = ${k} - (b | 0) * ${H};
  const gi = g[${flatIndex("b", G, "j")}];
  const gf = g[${flatIndex("b", G, "j")} + ${H}];
  const gg = g[${flatIndex("b", G, "j")} + ${2 * H}];
  const go = g[${flatIndex("b", G, "j")} + ${3 * H}];
  const cn = gf * ${at("c", backend.offset(c), k)} + gi * gg;
  ${tanhStatements("cn", "tc")}
  return z === 0.0 ? go * tc : cn;
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
