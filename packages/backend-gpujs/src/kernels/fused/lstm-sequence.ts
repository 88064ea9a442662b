import { type KernelConfig, kernels, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, FLAT, flatIndex, floorDivide, quotient } from "../source.js";
import { sigmoidStatements, tanhStatements } from "./activation.js";
import { FUSED_STEP_WORK, reorderSteps } from "./sequence-layout.js";

/** Region of a tensor that a gather copies. */
type Part = { info: TensorInfo; start: number; length: number };

/**
 * A whole LSTM sequence (gate order i, f, g, o) with T + 3 launches: W_hhᵀ and xProj in step order
 * (2), one per step, hSeq back in batch-major order (1). Each step's inputs are whole buffers at
 * offset 0 (xProj_s split off by one device-side gather, the state [h | c] the previous step's
 * output), so one compiled kernel serves every step. A step launch writes [h' | c' | gates] (B·6H):
 * a thread of h' or c' computes its unit's four gate dot products over H, a gate thread its own;
 *   c' = f∘c + i∘g,  h' = o∘tanh(c')
 * For large B·H² (compute bound rather than launch bound) a step is two launches instead (gates,
 * then [h' | c']), without the repeated dot products. The saved gates and cell states, and the h
 * sequence, are gathered from the step outputs at the end (copies, no launch).
 */
export const lstmSequenceConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.LstmSequence,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { xProj, h0, c0, weightHh } = inputs as kernels.LstmSequenceInputs;
    const { goBackwards } = attrs as kernels.LstmSequenceAttrs;
    const [B, T, G] = xProj.shape as [number, number, number];
    const H = G / 4;
    const BH = B * H;
    const BG = B * G;
    const dtype = h0.dtype;
    const geometry = { B, T, goBackwards };
    const fused = B * H * H <= FUSED_STEP_WORK;
    // W_hhᵀ [H,4H] (wt[p·4H + c] = W_hh[c,p]): neighbouring threads read neighbouring weights
    const wt = backend.run(
      {
        source: `function (w) {
  ${floorDivide(FLAT, G, "p")}
  const c = ${FLAT} - (p | 0) * ${G};
  return ${at("w", backend.offset(weightHh), flatIndex("c", H, "p"))};
}`,
        size: G * H,
      },
      [weightHh],
      [H, G],
      dtype,
    );
    const xSteps = reorderSteps(backend, xProj, G, geometry, true, dtype);
    const split = backend.gather([
      ...Array.from({ length: T }, (_, s) => ({
        parts: [{ info: xSteps, start: s * BG, length: BG }],
        views: [{ shape: [B, G], dtype }],
      })),
      {
        parts: [
          { info: h0, start: 0, length: BH },
          { info: c0, start: 0, length: BH },
        ],
        views: [{ shape: [2 * BH], dtype }],
      },
    ]);
    backend.disposeData(xSteps.dataId);
    // pre-activation of gate column `col` of row b: xp[b, col] + Σ_p h[b,p]·W_hh[col,p]
    // (indices in int32 arithmetic: exact past 2^24 values; k = b·H + j below)
    const kq = fused ? `(${FLAT} - ${2 * BH})` : FLAT;
    const k = `(${FLAT} - (z | 0) * ${BH})`;
    const gateSource = `${floorDivide(kq, G, "bq")}
    const col = ${kq} - (bq | 0) * ${G};
    let pre = xp[${kq}];
    for (let p = 0; p < this.constants.H; p++) {
      pre += hc[${flatIndex("bq", H, "p")}] * wt[${flatIndex("p", G, "col")}];
    }
    ${sigmoidStatements("pre", "s")}
    ${tanhStatements("pre", "t")}
    out = ${quotient("col", H)} === 2 ? t : s;`;
    const fusedSource = `function (xp, hc, wt) {
  let out = 0.0;
  if (${FLAT} < ${2 * BH}) {
    const z = ${FLAT} < ${BH} ? 0.0 : 1.0;
    ${floorDivide(k, H, "b")}
    const j = ${k} - (b | 0) * ${H};
    let a0 = xp[${flatIndex("b", G, "j")}];
    let a1 = xp[${flatIndex("b", G, "j")} + ${H}];
    let a2 = xp[${flatIndex("b", G, "j")} + ${2 * H}];
    let a3 = xp[${flatIndex("b", G, "j")} + ${3 * H}];
    for (let p = 0; p < this.constants.H; p++) {
      const hv = hc[${flatIndex("b", H, "p")}];
      a0 += hv * wt[${flatIndex("p", G, "j")}];
      a1 += hv * wt[${flatIndex("p", G, "j")} + ${H}];
      a2 += hv * wt[${flatIndex("p", G, "j")} + ${2 * H}];
      a3 += hv * wt[${flatIndex("p", G, "j")} + ${3 * H}];
    }
    ${sigmoidStatements("a0", "gi")}
    ${sigmoidStatements("a1", "gf")}
    ${tanhStatements("a2", "gg")}
    ${sigmoidStatements("a3", "go")}
    const cn = gf * hc[${k} + ${BH}] + gi * gg;
    ${tanhStatements("cn", "tc")}
    out = z === 0.0 ? go * tc : cn;
  } else {
    ${gateSource}
  }
  return out;
}`;
    const gatesOnlySource = `function (xp, hc, wt) {
  let out = 0.0;
  ${gateSource}
  return out;
}`;
    // c' = f∘c + i∘g, h' = o∘tanh(c') from the activated gates
    const stateSource = `function (g, hc) {
  const z = ${FLAT} < ${BH} ? 0.0 : 1.0;
  ${floorDivide(k, H, "b")}
  const j = ${k} - (b | 0) * ${H};
  const gi = g[${flatIndex("b", G, "j")}];
  const gf = g[${flatIndex("b", G, "j")} + ${H}];
  const gg = g[${flatIndex("b", G, "j")} + ${2 * H}];
  const go = g[${flatIndex("b", G, "j")} + ${3 * H}];
  const cn = gf * hc[${k} + ${BH}] + gi * gg;
  ${tanhStatements("cn", "tc")}
  return z === 0.0 ? go * tc : cn;
}`;
    const initial = (split[T] as TensorInfo[])[0] as TensorInfo;
    const states: TensorInfo[] = [];
    const gateParts: Part[] = [];
    const temporaries: TensorInfo[] = [initial];
    let state = initial;
    for (let s = 0; s < T; s++) {
      const xs = (split[s] as TensorInfo[])[0] as TensorInfo;
      if (fused) {
        state = backend.run(
          { source: fusedSource, size: 2 * BH + BG, constants: { H } },
          [xs, state, wt],
          [2 * BH + BG],
          dtype,
        );
        gateParts.push({ info: state, start: 2 * BH, length: BG });
      } else {
        const gates = backend.run(
          { source: gatesOnlySource, size: BG, constants: { H } },
          [xs, state, wt],
          [BG],
          dtype,
        );
        state = backend.run({ source: stateSource, size: 2 * BH }, [gates, state], [2 * BH], dtype);
        gateParts.push({ info: gates, start: 0, length: BG });
        temporaries.push(gates);
      }
      backend.disposeData(xs.dataId);
      states.push(state);
    }
    const [gatesAll, cSeq, hSteps] = (
      backend.gather([
        {
          parts: [
            ...gateParts,
            ...states.map((info) => ({ info, start: BH, length: BH })),
            ...states.map((info) => ({ info, start: 0, length: BH })),
          ],
          views: [
            { shape: [T, B, G], dtype },
            { shape: [T, B, H], dtype },
            { shape: [T, B, H], dtype },
          ],
        },
      ]) as [TensorInfo[]]
    )[0] as [TensorInfo, TensorInfo, TensorInfo];
    const hSeq = reorderSteps(backend, hSteps, H, geometry, false, dtype);
    const last = states[T - 1] as TensorInfo;
    const hN = backend.view(last, [B, H], dtype, 0);
    const cN = backend.view(last, [B, H], dtype, BH);
    for (const info of [wt, hSteps, ...states, ...temporaries]) backend.disposeData(info.dataId);
    return [hSeq, hN, cN, gatesAll, cSeq];
  },
};
