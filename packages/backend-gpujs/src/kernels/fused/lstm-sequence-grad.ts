import { type KernelConfig, kernels, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, divide, FLAT, flatIndex, floorDivide, quotient } from "../source.js";
import { tanhStatements } from "./activation.js";
import { FUSED_STEP_WORK, position, reorderSteps } from "./sequence-layout.js";

/**
 * Backpropagation through an LSTM sequence, last processed step first, with T + 3 launches: dhSeq in
 * step order (1), one per step, dXProj back in batch-major order (1) and dW_hh as one product over
 * all T·B rows (1). Per step s one gather-made buffer S_s = [dhSeq_s | gates_s | c_s | c_{s−1}] and
 * the carried R = [dh_rec | dc] are the inputs; the launch writes the next R and this step's dGates,
 * [dh_rec' | dc' | dGates] (B·6H). For unit (b, p):
 *   dh = dhSeq + dh_rec,  dc̃ = dc + dh∘o∘(1 − tanh²c_s)
 *   di = dc̃·g·i(1−i),  df = dc̃·c_{s−1}·f(1−f),  dg = dc̃·i(1−g²),  do = dh·tanh(c_s)·o(1−o)
 *   dc' = dc̃∘f,  dh_rec'[b,j] = Σ_p Σ_gate dGates[b, gate·H + p]·W_hh[gate·H + p, j]
 * (a dh_rec' thread recomputes its row's dGates). For large B·H² a step is two launches instead
 * ([dc' | dGates], then [dh_rec' | dc']). Then dW_hh = Σ_s dGates_sᵀ·h_{s−1}.
 */
export const lstmSequenceGradConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.LstmSequenceGrad,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const i = inputs as kernels.LstmSequenceGradInputs;
    const { goBackwards } = attrs as kernels.LstmSequenceAttrs;
    const [B, T, H] = i.hSeq.shape as [number, number, number];
    const G = 4 * H;
    const BH = B * H;
    const BG = B * G;
    const dtype = i.h0.dtype;
    const geometry = { B, T, goBackwards };
    const fused = B * H * H <= FUSED_STEP_WORK;
    const dhSteps = reorderSteps(backend, i.dhSeq, H, geometry, true, dtype);
    const split = backend.gather([
      ...Array.from({ length: T }, (_, s) => ({
        parts: [
          { info: dhSteps, start: s * BH, length: BH },
          { info: i.gates, start: s * BG, length: BG },
          { info: i.cSeq, start: s * BH, length: BH },
          s > 0
            ? { info: i.cSeq, start: (s - 1) * BH, length: BH }
            : { info: i.c0, start: 0, length: BH },
        ],
        views: [{ shape: [3 * BH + BG], dtype }],
      })),
      {
        parts: [
          { info: i.dhN, start: 0, length: BH },
          { info: i.dcN, start: 0, length: BH },
        ],
        views: [{ shape: [2 * BH], dtype }],
      },
    ]);
    backend.disposeData(dhSteps.dataId);
    const wo = backend.offset(i.weightHh);
    // The gradients of unit (b, p) of one step, names suffixed by `x`. `b` and `p` are int32
    // expressions and every flat index below stays one: gpu.js keeps variables in float32, exact
    // only below 2^24, and a step's buffers pass that from B·7H = 2^24 on.
    const unit = (b: string, p: string, x: string) => {
      const k = `(${b} * ${H} + ${p})`;
      const r = `(${BH} + ${b} * ${G} + ${p})`;
      return `const i${x} = S[${r}];
    const f${x} = S[${r} + ${H}];
    const g${x} = S[${r} + ${2 * H}];
    const o${x} = S[${r} + ${3 * H}];
    const dh${x} = S[${k}] + R[${k}];
    const cn${x} = S[${BH + BG} + ${k}];
    ${tanhStatements(`cn${x}`, `tc${x}`)}
    const dct${x} = R[${BH} + ${k}] + dh${x} * o${x} * (1.0 - tc${x} * tc${x});
    const di${x} = dct${x} * g${x} * i${x} * (1.0 - i${x});
    const df${x} = dct${x} * S[${2 * BH + BG} + ${k}] * f${x} * (1.0 - f${x});
    const dg${x} = dct${x} * i${x} * (1.0 - g${x} * g${x});
    const do${x} = dh${x} * tc${x} * o${x} * (1.0 - o${x});`;
    };
    // W_hh[row, j] for a small row expression and j < H
    const w = (row: string, j: string) => at("w", wo, `(${row}) * ${H} + ${j}`);
    // [dc' | dGates] from `base` on in the output: unit (b, j) of dc', then (b, gate, j) of dGates
    const elementwise = (base: number) => `if (${FLAT} < ${base + BH}) {
    ${floorDivide(`(${FLAT} - ${base})`, H, "bc")}
    ${unit("(bc | 0)", `(${FLAT} - ${base} - (bc | 0) * ${H})`, "c")}
    out = dctc * fc;
  } else {
    ${floorDivide(`(${FLAT} - ${base + BH})`, G, "bg")}
    const col = ${FLAT} - ${base + BH} - (bg | 0) * ${G};
    const gate = ${quotient("col", H)};
    const jg = col - gate * ${H};
    ${unit("(bg | 0)", "(jg | 0)", "g")}
    out = dog;
    if (gate === 0) {
      out = dig;
    } else if (gate === 1) {
      out = dfg;
    } else if (gate === 2) {
      out = dgg;
    }
  }`;
    const fusedSource = `function (S, R, w) {
  let out = 0.0;
  if (${FLAT} < ${BH}) {
    ${floorDivide(FLAT, H, "b")}
    const j = ${FLAT} - (b | 0) * ${H};
    for (let p = 0; p < this.constants.H; p++) {
      ${unit("(b | 0)", "(p | 0)", "a")}
      out += dia * ${w("(p | 0)", "(j | 0)")} + dfa * ${w(`${H} + (p | 0)`, "(j | 0)")} + dga * ${w(`${2 * H} + (p | 0)`, "(j | 0)")} + doa * ${w(`${3 * H} + (p | 0)`, "(j | 0)")};
    }
  } else ${elementwise(BH)}
  return out;
}`;
    const elementwiseSource = `function (S, R) {
  let out = 0.0;
  ${elementwise(0)}
  return out;
}`;
    // [dh_rec' | dc'] from A = [dc' | dGates]: dh_rec'[b,j] = Σ_q dGates[b,q]·W_hh[q,j]
    const recurrentSource = `function (a, w) {
  let out = 0.0;
  if (${FLAT} < ${BH}) {
    ${floorDivide(FLAT, H, "b")}
    const j = ${FLAT} - (b | 0) * ${H};
    for (let q = 0; q < this.constants.G; q++) {
      out += a[${BH} + (b | 0) * ${G} + (q | 0)] * ${w("(q | 0)", "(j | 0)")};
    }
  } else {
    out = a[${FLAT} - ${BH}];
  }
  return out;
}`;
    const weight = i.weightHh;
    let R = (split[T] as TensorInfo[])[0] as TensorInfo;
    const carried: TensorInfo[] = [R];
    const dGateParts: { info: TensorInfo; start: number; length: number }[] = new Array(T);
    for (let s = T - 1; s >= 0; s--) {
      const S = (split[s] as TensorInfo[])[0] as TensorInfo;
      if (fused) {
        R = backend.run(
          { source: fusedSource, size: 2 * BH + BG, constants: { H } },
          [S, R, weight],
          [2 * BH + BG],
          dtype,
        );
        dGateParts[s] = { info: R, start: 2 * BH, length: BG };
      } else {
        const a = backend.run(
          { source: elementwiseSource, size: BH + BG },
          [S, R],
          [BH + BG],
          dtype,
        );
        R = backend.run(
          { source: recurrentSource, size: 2 * BH, constants: { G } },
          [a, weight],
          [2 * BH],
          dtype,
        );
        dGateParts[s] = { info: a, start: BH, length: BG };
        carried.push(a);
      }
      backend.disposeData(S.dataId);
      carried.push(R);
    }
    const dGates = (
      (
        backend.gather([{ parts: dGateParts, views: [{ shape: [T, B, G], dtype }] }]) as [
          TensorInfo[],
        ]
      )[0] as [TensorInfo]
    )[0];
    const dXProj = reorderSteps(backend, dGates, G, geometry, false, dtype);
    // dW_hh[q,j] = Σ_s Σ_b dGates[s,b,q]·h_{s−1}[b,j], h_{−1} = h0, h_{s−1} = hSeq[b, t(s−1)]
    // (dGates may hold more than 2^24 values: int32 indices)
    const dWeightHh = backend.run(
      {
        source: `function (dg, hs, h0) {
  ${divide("this.thread.x", H, "q", "j")}
  let sum = 0.0;
  for (let b = 0; b < this.constants.B; b++) {
    sum += dg[${flatIndex("b", G, "q")}] * ${at("h0", backend.offset(i.h0), flatIndex("b", H, "j"))};
  }
  for (let s = 1; s < this.constants.T; s++) {
    for (let b = 0; b < this.constants.B; b++) {
      sum += dg[${flatIndex(`s * ${B} + b`, G, "q")}] * ${at("hs", backend.offset(i.hSeq), flatIndex(`b * ${T} + ${position("(s - 1)", geometry)}`, H, "j"))};
    }
  }
  return sum;
}`,
        size: G * H,
        constants: { B, T },
      },
      [dGates, i.hSeq, i.h0],
      [G, H],
      dtype,
    );
    const dH0 = backend.view(R, [B, H], dtype, 0);
    const dC0 = backend.view(R, [B, H], dtype, BH);
    for (const info of [dGates, ...carried]) backend.disposeData(info.dataId);
    return [dXProj, dH0, dC0, dWeightHh];
  },
};
