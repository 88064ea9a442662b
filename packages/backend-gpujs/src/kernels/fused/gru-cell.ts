import { type KernelConfig, kernels, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, FLAT, flatIndex, floorDivide, quotient } from "../source.js";
import { sigmoidStatements, tanhStatements } from "./activation.js";

/**
 * One GRU step (gate order r, z, n); saved gates [B,4H] = r, z, n, hn.
 * resetAfter (PyTorch): 1. gates, each thread one gate: r, z = σ(x + W h + b), hn = W_hn h + b_hn,
 *   n = tanh(x_n + r∘hn) (computing its r and hn itself); 2. h' = (1 − z)∘n + z∘h.
 * Otherwise: 1. r, z; 2. gates with hn = W_hn (r∘h) + b_hn, n = tanh(x_n + hn); 3. h'.
 */
export const gruCellConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.GruCell,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { xProj, h, weightHh, biasHh } = inputs as kernels.GruCellInputs;
    const { resetAfter } = attrs as kernels.GruCellAttrs;
    const [batch, hidden] = h.shape as [number, number];
    const dtype = h.dtype;
    const H = hidden;
    const o = (t: TensorInfo) => backend.offset(t);
    // Σ_p h[b,p]·W[row,p] (+ an optional per-p factor)
    const dot = (name: string, row: string, factor = "") => `let ${name} = 0.0;
    for (let p = 0; p < this.constants.H; p++) {
      ${name} += ${at("h", o(h), flatIndex("b", H, "p"))}${factor} * ${at("w", o(weightHh), flatIndex(`(${row})`, H, "p"))};
    }`;
    const x = (col: string) => at("xp", o(xProj), flatIndex("b", 3 * H, `(${col})`));
    const bias = (col: string) => at("bias", o(biasHh), col);
    let gates: TensorInfo;
    if (resetAfter) {
      const source = `function (xp, h, w, bias) {
  ${floorDivide(FLAT, 4 * H, "b")}
  const col = ${FLAT} - (b | 0) * ${4 * H};
  const gate = ${quotient("col", H)};
  const j = col - gate * ${H};
  let out = 0.0;
  if (gate === 2) {
    ${dot("dr", "j")}
    ${dot("dn", `${2 * H} + j`)}
    const rpre = ${x("j")} + dr + ${bias("j")};
    ${sigmoidStatements("rpre", "r")}
    const npre = ${x(`${2 * H} + j`)} + r * (dn + ${bias(`${2 * H} + j`)});
    ${tanhStatements("npre", "n")}
    out = n;
  } else if (gate === 3) {
    ${dot("dq", `${2 * H} + j`)}
    out = dq + ${bias(`${2 * H} + j`)};
  } else {
    ${dot("dg", "col")}
    const gpre = ${x("col")} + dg + ${bias("col")};
    ${sigmoidStatements("gpre", "s")}
    out = s;
  }
  return out;
}`;
      gates = backend.run(
        { source, size: batch * 4 * H, constants: { H } },
        [xProj, h, weightHh, biasHh],
        [batch, 4 * H],
        dtype,
      );
    } else {
      const rzSource = `function (xp, h, w, bias) {
  ${floorDivide(FLAT, 2 * H, "b")}
  const col = ${FLAT} - (b | 0) * ${2 * H};
  ${dot("d", "col")}
  const pre = ${x("col")} + d + ${bias("col")};
  ${sigmoidStatements("pre", "s")}
  return s;
}`;
      const rz = backend.run(
        { source: rzSource, size: batch * 2 * H, constants: { H } },
        [xProj, h, weightHh, biasHh],
        [batch, 2 * H],
        dtype,
      );
      // hn = Σ_p W_hn[j,p]·r[b,p]·h[b,p] + b_hn
      const source = `function (xp, h, w, bias, rz) {
  ${floorDivide(FLAT, 4 * H, "b")}
  const col = ${FLAT} - (b | 0) * ${4 * H};
  const gate = ${quotient("col", H)};
  const j = col - gate * ${H};
  let out = 0.0;
  if (gate < 2) {
    out = rz[${flatIndex("b", 2 * H, "col")}];
  } else {
    ${dot("d", `${2 * H} + j`, ` * rz[${flatIndex("b", 2 * H, "p")}]`)}
    const hn = d + ${bias(`${2 * H} + j`)};
    const npre = ${x(`${2 * H} + j`)} + hn;
    ${tanhStatements("npre", "n")}
    out = gate === 2 ? n : hn;
  }
  return out;
}`;
      gates = backend.run(
        { source, size: batch * 4 * H, constants: { H } },
        [xProj, h, weightHh, biasHh, rz],
        [batch, 4 * H],
        dtype,
      );
      backend.disposeData(rz.dataId);
    }
    // h' = (1 − z)∘n + z∘h
    const stateSource = `function (g, h) {
  ${floorDivide(FLAT, H, "b")}
  const j = ${FLAT} - (b | 0) * ${H};
  const z = g[${flatIndex("b", 4 * H, "j")} + ${H}];
  const n = g[${flatIndex("b", 4 * H, "j")} + ${2 * H}];
  return (1.0 - z) * n + z * ${at("h", o(h), FLAT)};
}`;
    const hNew = backend.run(
      { source: stateSource, size: batch * H },
      [gates, h],
      [batch, H],
      dtype,
    );
    return [hNew, gates];
  },
};
