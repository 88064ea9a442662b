/**
 * Cases for the fused LSTM and GRU steps. Expected values come from the plain-JS float64 reference
 * cells below (scalar loops over the equations, independent of any kernel), and the expected
 * gradients from forward-mode differentiation of that reference with dual numbers (exact up to
 * rounding, and independent of the hand-derived backward formulas the kernels use).
 */
import type { Dtype } from "../../dtype.js";
import { runKernelMulti } from "../../engine.js";
import {
  GruCell,
  GruCellGrad,
  type GruCellGradInputs,
  type GruCellInputs,
  GruSequence,
  GruSequenceGrad,
  type GruSequenceGradInputs,
  type GruSequenceInputs,
  LstmCell,
  LstmCellGrad,
  type LstmCellGradInputs,
  type LstmCellInputs,
  LstmSequence,
  LstmSequenceGrad,
  type LstmSequenceGradInputs,
  type LstmSequenceInputs,
} from "../../kernel-names.js";
import { tensor } from "../../ops/creation/tensor.js";
import { adamUpdate } from "../../ops/fused/adam-update.js";
import { gruCell } from "../../ops/fused/gru-cell.js";
import { gruSequence } from "../../ops/fused/gru-sequence.js";
import { lstmCell } from "../../ops/fused/lstm-cell.js";
import { lstmSequence } from "../../ops/fused/lstm-sequence.js";
import type { NestedArray, Tensor } from "../../tensor.js";
import type { ConformanceCase, ExpectedTensor, GradientCase } from "../conformance-case.js";

const FLOATS = ["float32", "float64"] as const;

// ---- dual numbers v + d·ε (ε² = 0) ----
interface Dual {
  v: number;
  d: number;
}
const dAdd = (a: Dual, b: Dual): Dual => ({ v: a.v + b.v, d: a.d + b.d });
const dMul = (a: Dual, b: Dual): Dual => ({ v: a.v * b.v, d: a.d * b.v + a.v * b.d });
const dOneMinus = (a: Dual): Dual => ({ v: 1 - a.v, d: -a.d });
const dSigmoid = (a: Dual): Dual => {
  const s = 1 / (1 + Math.exp(-a.v));
  return { v: s, d: a.d * s * (1 - s) };
};
const dTanh = (a: Dual): Dual => {
  const t = Math.tanh(a.v);
  return { v: t, d: a.d * (1 - t * t) };
};

/** Σ_p a[i,p]·w[row,p] + start: one entry of h·Wᵀ. */
function dotRow(start: Dual, a: Dual[], aRow: number, w: Dual[], wRow: number, k: number): Dual {
  let s = start;
  for (let p = 0; p < k; p++) s = dAdd(s, dMul(a[aRow * k + p] as Dual, w[wRow * k + p] as Dual));
  return s;
}

/** Reference LSTM step. Inputs: xProj [B,4H], h [B,H], c [B,H], W [4H,H]. */
function referenceLstm(inputs: Dual[][], batch: number, hidden: number): Dual[][] {
  const [x, h, c, w] = inputs as [Dual[], Dual[], Dual[], Dual[]];
  const H = hidden;
  const hNew: Dual[] = [];
  const cNew: Dual[] = [];
  const gates: Dual[] = [];
  for (let b = 0; b < batch; b++) {
    // gates = xProj + h·W_hhᵀ, then i = σ, f = σ, g = tanh, o = σ
    const pre: Dual[] = [];
    for (let r = 0; r < 4 * H; r++) pre.push(dotRow(x[b * 4 * H + r] as Dual, h, b, w, r, H));
    const act = pre.map((p, r) => (r >= 2 * H && r < 3 * H ? dTanh(p) : dSigmoid(p)));
    gates.push(...act);
    for (let j = 0; j < H; j++) {
      const [i, f, g, o] = [0, 1, 2, 3].map((q) => act[q * H + j] as Dual) as [
        Dual,
        Dual,
        Dual,
        Dual,
      ];
      // c' = f∘c + i∘g;  h' = o∘tanh(c')
      const cn = dAdd(dMul(f, c[b * H + j] as Dual), dMul(i, g));
      cNew.push(cn);
      hNew.push(dMul(o, dTanh(cn)));
    }
  }
  return [hNew, cNew, gates];
}

/** Reference GRU step. Inputs: xProj [B,3H], h [B,H], W [3H,H], b [3H]. */
function referenceGru(
  inputs: Dual[][],
  batch: number,
  hidden: number,
  resetAfter: boolean,
): Dual[][] {
  const [x, h, w, bias] = inputs as [Dual[], Dual[], Dual[], Dual[]];
  const H = hidden;
  const hNew: Dual[] = [];
  const gates: Dual[] = [];
  for (let b = 0; b < batch; b++) {
    const rs: Dual[] = [];
    const zs: Dual[] = [];
    const ns: Dual[] = [];
    const hns: Dual[] = [];
    for (let j = 0; j < H; j++) {
      // r = σ(x_r + W_hr h + b_hr),  z = σ(x_z + W_hz h + b_hz)
      rs.push(dSigmoid(dotRow(dAdd(x[b * 3 * H + j] as Dual, bias[j] as Dual), h, b, w, j, H)));
      zs.push(
        dSigmoid(
          dotRow(dAdd(x[b * 3 * H + H + j] as Dual, bias[H + j] as Dual), h, b, w, H + j, H),
        ),
      );
    }
    const rh = Array.from({ length: H }, (_, j) => dMul(rs[j] as Dual, h[b * H + j] as Dual));
    for (let j = 0; j < H; j++) {
      const xn = x[b * 3 * H + 2 * H + j] as Dual;
      const bn = bias[2 * H + j] as Dual;
      let hn: Dual;
      let n: Dual;
      if (resetAfter) {
        // n = tanh(x_n + r∘(W_hn h + b_hn))
        hn = dotRow(bn, h, b, w, 2 * H + j, H);
        n = dTanh(dAdd(xn, dMul(rs[j] as Dual, hn)));
      } else {
        // n = tanh(x_n + W_hn (r∘h) + b_hn)
        hn = dotRow(bn, rh, 0, w, 2 * H + j, H);
        n = dTanh(dAdd(xn, hn));
      }
      hns.push(hn);
      ns.push(n);
      // h' = (1 − z)∘n + z∘h
      const z = zs[j] as Dual;
      hNew.push(dAdd(dMul(dOneMinus(z), n), dMul(z, h[b * H + j] as Dual)));
    }
    gates.push(...rs, ...zs, ...ns, ...hns);
  }
  return [hNew, gates];
}

type Forward = (inputs: Dual[][]) => Dual[][];

const values = (inputs: number[][], forward: Forward): number[][] =>
  forward(inputs.map((a) => a.map((v) => ({ v, d: 0 })))).map((o) => o.map((q) => q.v));

/** Σ_k upstream_k · ∂output_k/∂input, one forward-mode pass per input element. */
function vectorJacobian(inputs: number[][], forward: Forward, upstream: number[][]): number[][] {
  return inputs.map((input, which) =>
    input.map((_, index) => {
      const seeded = inputs.map((a, w) =>
        a.map((v, i) => ({ v, d: w === which && i === index ? 1 : 0 })),
      );
      let s = 0;
      forward(seeded).forEach((output, k) => {
        const u = upstream[k];
        if (u === undefined) return;
        for (let m = 0; m < output.length; m++) s += (u[m] as number) * (output[m] as Dual).d;
      });
      return s;
    }),
  );
}

/** Deterministic test values: multiples of 1/8 in [−1, 1] times `scale` (exact in float32). */
function sample(size: number, seed: number, scale = 1): number[] {
  return Array.from({ length: size }, (_, i) => ((((i * 7 + seed * 13) % 17) - 8) / 8) * scale);
}

function rows(flat: number[], columns: number): number[][] {
  return Array.from({ length: flat.length / columns }, (_, r) =>
    flat.slice(r * columns, (r + 1) * columns),
  );
}

const t = (v: number[], shape: number[], dtype: Dtype): Tensor => tensor(v, shape, dtype);

// ---------------- LSTM ----------------

function lstmSetup(batch: number, hidden: number, seed: number) {
  const H = hidden;
  const inputs = [
    sample(batch * 4 * H, seed),
    sample(batch * H, seed + 1),
    sample(batch * H, seed + 2, 2),
    sample(4 * H * H, seed + 3, 0.75),
  ];
  const forward: Forward = (xs) => referenceLstm(xs, batch, hidden);
  const [hNew, cNew, gates] = values(inputs, forward) as [number[], number[], number[]];
  const dh = sample(batch * H, seed + 4);
  const dc = sample(batch * H, seed + 5);
  const grads = vectorJacobian(inputs, forward, [dh, dc]);
  return { inputs, hNew, cNew, gates, dh, dc, grads };
}

function lstmCases(batch: number, hidden: number, seed: number): ConformanceCase[] {
  const s = lstmSetup(batch, hidden, seed);
  const [x, h, c, w] = s.inputs as [number[], number[], number[], number[]];
  const B = batch;
  const H = hidden;
  const state = [B, H];
  const make = (dtype: Dtype) =>
    ({
      xProj: t(x, [B, 4 * H], dtype),
      h: t(h, state, dtype),
      c: t(c, state, dtype),
      weightHh: t(w, [4 * H, H], dtype),
    }) satisfies LstmCellInputs;
  const grads = s.grads as [number[], number[], number[], number[]];
  return [
    {
      kernel: "LstmCell",
      name: `B=${B} H=${H}: h', c' and the activated gates`,
      dtypes: FLOATS,
      run: (dtype) => runKernelMulti(LstmCell, make(dtype)),
      expected: [
        { shape: state, values: s.hNew },
        { shape: state, values: s.cNew },
        { shape: [B, 4 * H], values: s.gates },
      ],
    },
    {
      kernel: "LstmCell",
      name: `B=${B} H=${H}: the lstmCell op`,
      dtypes: FLOATS,
      run: (dtype) => {
        const i = make(dtype);
        const out = lstmCell(i.xProj, i.h, i.c, i.weightHh);
        return [out.h, out.c];
      },
      expected: [
        { shape: state, values: s.hNew },
        { shape: state, values: s.cNew },
      ],
    },
    {
      kernel: "LstmCellGrad",
      name: `B=${B} H=${H}: dXProj, dH, dC, dWeightHh`,
      dtypes: FLOATS,
      run: (dtype) => {
        const inputs = {
          dh: t(s.dh, state, dtype),
          dc: t(s.dc, state, dtype),
          gates: t(s.gates, [B, 4 * H], dtype),
          c: t(c, state, dtype),
          cNew: t(s.cNew, state, dtype),
          h: t(h, state, dtype),
          weightHh: t(w, [4 * H, H], dtype),
        } satisfies LstmCellGradInputs;
        return runKernelMulti(LstmCellGrad, inputs);
      },
      expected: [
        { shape: [B, 4 * H], values: grads[0] },
        { shape: state, values: grads[1] },
        { shape: state, values: grads[2] },
        { shape: [4 * H, H], values: grads[3] },
      ],
    },
  ];
}

// ---------------- LSTM sequence ----------------

/**
 * Reference LSTM over T steps: referenceLstm per step with the state carried. Inputs: xProj [B,T,4H],
 * h0, c0 [B,H], W [4H,H]. Outputs: hSeq [B,T,H], hN, cN, gates [T,B,4H] and cSeq [T,B,H] (processing order).
 */
function referenceLstmSequence(
  inputs: Dual[][],
  batch: number,
  steps: number,
  hidden: number,
  goBackwards: boolean,
): Dual[][] {
  const [x, h0, c0, w] = inputs as [Dual[], Dual[], Dual[], Dual[]];
  const H = hidden;
  const G = 4 * H;
  const hSeq: Dual[] = new Array(batch * steps * H);
  const gatesAll: Dual[] = [];
  const cSeq: Dual[] = [];
  let h = h0;
  let c = c0;
  for (let s = 0; s < steps; s++) {
    const t = goBackwards ? steps - 1 - s : s;
    const xt: Dual[] = [];
    for (let b = 0; b < batch; b++)
      xt.push(...x.slice((b * steps + t) * G, (b * steps + t + 1) * G));
    const [hNew, cNew, gates] = referenceLstm([xt, h, c, w], batch, hidden) as [
      Dual[],
      Dual[],
      Dual[],
    ];
    for (let b = 0; b < batch; b++) {
      for (let j = 0; j < H; j++) hSeq[(b * steps + t) * H + j] = hNew[b * H + j] as Dual;
    }
    gatesAll.push(...gates);
    cSeq.push(...cNew);
    h = hNew;
    c = cNew;
  }
  return [hSeq, h, c, gatesAll, cSeq];
}

function lstmSequenceCases(
  batch: number,
  steps: number,
  hidden: number,
  seed: number,
  goBackwards: boolean,
): ConformanceCase[] {
  const B = batch;
  const T = steps;
  const H = hidden;
  const inputs = [
    sample(B * T * 4 * H, seed),
    sample(B * H, seed + 1),
    sample(B * H, seed + 2, 2),
    sample(4 * H * H, seed + 3, 0.75),
  ];
  const forward: Forward = (xs) => referenceLstmSequence(xs, B, T, H, goBackwards);
  const [hSeq, hN, cN, gates, cSeq] = values(inputs, forward) as [
    number[],
    number[],
    number[],
    number[],
    number[],
  ];
  const dhSeq = sample(B * T * H, seed + 4);
  const dhN = sample(B * H, seed + 5);
  const dcN = sample(B * H, seed + 6);
  const grads = vectorJacobian(inputs, forward, [dhSeq, dhN, dcN]) as [
    number[],
    number[],
    number[],
    number[],
  ];
  const [x, h0, c0, w] = inputs as [number[], number[], number[], number[]];
  const state = [B, H];
  const label = `B=${B} T=${T} H=${H}${goBackwards ? " backwards" : ""}`;
  const make = (dtype: Dtype) =>
    ({
      xProj: t(x, [B, T, 4 * H], dtype),
      h0: t(h0, state, dtype),
      c0: t(c0, state, dtype),
      weightHh: t(w, [4 * H, H], dtype),
    }) satisfies LstmSequenceInputs;
  return [
    {
      kernel: "LstmSequence",
      name: `${label}: hSeq, hN, cN, the saved gates and cell states`,
      dtypes: FLOATS,
      run: (dtype) => runKernelMulti(LstmSequence, make(dtype), { goBackwards }),
      expected: [
        { shape: [B, T, H], values: hSeq },
        { shape: state, values: hN },
        { shape: state, values: cN },
        { shape: [T, B, 4 * H], values: gates },
        { shape: [T, B, H], values: cSeq },
      ],
    },
    {
      kernel: "LstmSequence",
      name: `${label}: the lstmSequence op (kernel or step-by-step fallback)`,
      dtypes: FLOATS,
      direct: false,
      run: (dtype) => {
        const i = make(dtype);
        const out = lstmSequence(i.xProj, i.h0, i.c0, i.weightHh, { goBackwards });
        return [out.output, out.h, out.c];
      },
      expected: [
        { shape: [B, T, H], values: hSeq },
        { shape: state, values: hN },
        { shape: state, values: cN },
      ],
    },
    {
      kernel: "LstmSequenceGrad",
      name: `${label}: dXProj, dH0, dC0, dWeightHh`,
      dtypes: FLOATS,
      run: (dtype) => {
        const gradInputs = {
          dhSeq: t(dhSeq, [B, T, H], dtype),
          dhN: t(dhN, state, dtype),
          dcN: t(dcN, state, dtype),
          gates: t(gates, [T, B, 4 * H], dtype),
          cSeq: t(cSeq, [T, B, H], dtype),
          hSeq: t(hSeq, [B, T, H], dtype),
          h0: t(h0, state, dtype),
          c0: t(c0, state, dtype),
          weightHh: t(w, [4 * H, H], dtype),
        } satisfies LstmSequenceGradInputs;
        return runKernelMulti(LstmSequenceGrad, gradInputs, { goBackwards });
      },
      expected: [
        { shape: [B, T, 4 * H], values: grads[0] },
        { shape: state, values: grads[1] },
        { shape: state, values: grads[2] },
        { shape: [4 * H, H], values: grads[3] },
      ],
    },
  ];
}

// ---------------- GRU ----------------

function gruCases(
  batch: number,
  hidden: number,
  seed: number,
  resetAfter: boolean,
): ConformanceCase[] {
  const B = batch;
  const H = hidden;
  const state = [B, H];
  const inputs = [
    sample(B * 3 * H, seed),
    sample(B * H, seed + 1),
    sample(3 * H * H, seed + 2, 0.75),
    sample(3 * H, seed + 3, 0.5),
  ];
  const [x, h, w, bias] = inputs as [number[], number[], number[], number[]];
  const forward: Forward = (xs) => referenceGru(xs, B, H, resetAfter);
  const [hNew, gates] = values(inputs, forward) as [number[], number[]];
  const dh = sample(B * H, seed + 4);
  const grads = vectorJacobian(inputs, forward, [dh]) as [number[], number[], number[], number[]];
  const form = resetAfter ? "resetAfter" : "reset before W_hn (course form)";
  const make = (dtype: Dtype) =>
    ({
      xProj: t(x, [B, 3 * H], dtype),
      h: t(h, state, dtype),
      weightHh: t(w, [3 * H, H], dtype),
      biasHh: t(bias, [3 * H], dtype),
    }) satisfies GruCellInputs;
  return [
    {
      kernel: "GruCell",
      name: `${form}, B=${B} H=${H}: h' and the gates r, z, n, hn`,
      dtypes: FLOATS,
      run: (dtype) => runKernelMulti(GruCell, make(dtype), { resetAfter }),
      expected: [
        { shape: state, values: hNew },
        { shape: [B, 4 * H], values: gates },
      ],
    },
    {
      kernel: "GruCell",
      name: `${form}, B=${B} H=${H}: the gruCell op`,
      dtypes: FLOATS,
      run: (dtype) => {
        const i = make(dtype);
        return gruCell(i.xProj, i.h, i.weightHh, i.biasHh, { resetAfter });
      },
      expected: { shape: state, values: hNew },
    },
    {
      kernel: "GruCellGrad",
      name: `${form}, B=${B} H=${H}: dXProj, dH, dWeightHh, dBiasHh`,
      dtypes: FLOATS,
      run: (dtype) => {
        const gradInputs = {
          dh: t(dh, state, dtype),
          gates: t(gates, [B, 4 * H], dtype),
          h: t(h, state, dtype),
          weightHh: t(w, [3 * H, H], dtype),
        } satisfies GruCellGradInputs;
        return runKernelMulti(GruCellGrad, gradInputs, { resetAfter });
      },
      expected: [
        { shape: [B, 3 * H], values: grads[0] },
        { shape: state, values: grads[1] },
        { shape: [3 * H, H], values: grads[2] },
        { shape: [3 * H], values: grads[3] },
      ] satisfies ExpectedTensor[],
    },
  ];
}

export const fusedCases: ConformanceCase[] = [
  ...lstmCases(2, 2, 1),
  ...lstmCases(3, 1, 5),
  ...lstmSequenceCases(2, 3, 2, 11, false),
  ...lstmSequenceCases(2, 3, 4, 12, true),
  ...lstmSequenceCases(3, 2, 4, 13, false),
  ...lstmSequenceCases(1, 1, 1, 14, false),
  ...gruSequenceCases(2, 3, 2, 21, true, false),
  ...gruSequenceCases(2, 3, 2, 22, false, true),
  ...gruSequenceCases(3, 2, 4, 23, false, false),
  ...gruSequenceCases(1, 2, 3, 24, true, true),
  ...gruCases(2, 2, 2, true),
  ...gruCases(2, 2, 3, false),
  ...gruCases(1, 3, 4, true),
  ...gruCases(1, 3, 6, false),
];

// ---------------- GRU sequence ----------------

/**
 * Reference GRU over T steps: referenceGru per step with the state carried. Inputs: xProj [B,T,3H],
 * h0 [B,H], W [3H,H], b [3H]. Outputs: hSeq [B,T,H], hN, gates [T,B,4H] (processing order).
 */
function referenceGruSequence(
  inputs: Dual[][],
  batch: number,
  steps: number,
  hidden: number,
  resetAfter: boolean,
  goBackwards: boolean,
): Dual[][] {
  const [x, h0, w, bias] = inputs as [Dual[], Dual[], Dual[], Dual[]];
  const H = hidden;
  const G = 3 * H;
  const hSeq: Dual[] = new Array(batch * steps * H);
  const gatesAll: Dual[] = [];
  let h = h0;
  for (let s = 0; s < steps; s++) {
    const t = goBackwards ? steps - 1 - s : s;
    const xt: Dual[] = [];
    for (let b = 0; b < batch; b++)
      xt.push(...x.slice((b * steps + t) * G, (b * steps + t + 1) * G));
    const [hNew, gates] = referenceGru([xt, h, w, bias], batch, hidden, resetAfter) as [
      Dual[],
      Dual[],
    ];
    for (let b = 0; b < batch; b++) {
      for (let j = 0; j < H; j++) hSeq[(b * steps + t) * H + j] = hNew[b * H + j] as Dual;
    }
    gatesAll.push(...gates);
    h = hNew;
  }
  return [hSeq, h, gatesAll];
}

function gruSequenceCases(
  batch: number,
  steps: number,
  hidden: number,
  seed: number,
  resetAfter: boolean,
  goBackwards: boolean,
): ConformanceCase[] {
  const B = batch;
  const T = steps;
  const H = hidden;
  const inputs = [
    sample(B * T * 3 * H, seed),
    sample(B * H, seed + 1),
    sample(3 * H * H, seed + 2, 0.75),
    sample(3 * H, seed + 3, 0.5),
  ];
  const forward: Forward = (xs) => referenceGruSequence(xs, B, T, H, resetAfter, goBackwards);
  const [hSeq, hN, gates] = values(inputs, forward) as [number[], number[], number[]];
  const dhSeq = sample(B * T * H, seed + 4);
  const dhN = sample(B * H, seed + 5);
  const grads = vectorJacobian(inputs, forward, [dhSeq, dhN]) as [
    number[],
    number[],
    number[],
    number[],
  ];
  const [x, h0, w, bias] = inputs as [number[], number[], number[], number[]];
  const state = [B, H];
  const form = resetAfter ? "resetAfter" : "course form";
  const label = `${form}, B=${B} T=${T} H=${H}${goBackwards ? " backwards" : ""}`;
  const make = (dtype: Dtype) =>
    ({
      xProj: t(x, [B, T, 3 * H], dtype),
      h0: t(h0, state, dtype),
      weightHh: t(w, [3 * H, H], dtype),
      biasHh: t(bias, [3 * H], dtype),
    }) satisfies GruSequenceInputs;
  return [
    {
      kernel: "GruSequence",
      name: `${label}: hSeq, hN and the saved gates`,
      dtypes: FLOATS,
      run: (dtype) => runKernelMulti(GruSequence, make(dtype), { resetAfter, goBackwards }),
      expected: [
        { shape: [B, T, H], values: hSeq },
        { shape: state, values: hN },
        { shape: [T, B, 4 * H], values: gates },
      ],
    },
    {
      kernel: "GruSequence",
      name: `${label}: the gruSequence op (kernel or step-by-step fallback)`,
      dtypes: FLOATS,
      direct: false,
      run: (dtype) => {
        const i = make(dtype);
        const out = gruSequence(i.xProj, i.h0, i.weightHh, i.biasHh, { resetAfter, goBackwards });
        return [out.output, out.h];
      },
      expected: [
        { shape: [B, T, H], values: hSeq },
        { shape: state, values: hN },
      ],
    },
    {
      kernel: "GruSequenceGrad",
      name: `${label}: dXProj, dH0, dWeightHh, dBiasHh`,
      dtypes: FLOATS,
      run: (dtype) => {
        const gradInputs = {
          dhSeq: t(dhSeq, [B, T, H], dtype),
          dhN: t(dhN, state, dtype),
          gates: t(gates, [T, B, 4 * H], dtype),
          hSeq: t(hSeq, [B, T, H], dtype),
          h0: t(h0, state, dtype),
          weightHh: t(w, [3 * H, H], dtype),
        } satisfies GruSequenceGradInputs;
        return runKernelMulti(GruSequenceGrad, gradInputs, { resetAfter, goBackwards });
      },
      expected: [
        { shape: [B, T, 3 * H], values: grads[0] },
        { shape: state, values: grads[1] },
        { shape: [3 * H, H], values: grads[2] },
        { shape: [3 * H], values: grads[3] },
      ],
    },
  ];
}

// ---------------- gradient checks (float64 central differences through the GradConfigs) ----------------

function lstmGradientInputs(batch: number, hidden: number, seed: number): NestedArray[] {
  const H = hidden;
  return [
    rows(sample(batch * 4 * H, seed), 4 * H),
    rows(sample(batch * H, seed + 1), H),
    rows(sample(batch * H, seed + 2, 1.5), H),
    rows(sample(4 * H * H, seed + 3, 0.5), H),
  ];
}

function lstmSequenceGradientInputs(
  batch: number,
  steps: number,
  hidden: number,
  seed: number,
): NestedArray[] {
  const H = hidden;
  const x = rows(sample(batch * steps * 4 * H, seed), 4 * H);
  return [
    Array.from({ length: batch }, (_, b) => x.slice(b * steps, (b + 1) * steps)),
    rows(sample(batch * H, seed + 1), H),
    rows(sample(batch * H, seed + 2, 1.5), H),
    rows(sample(4 * H * H, seed + 3, 0.5), H),
  ];
}

function gruSequenceGradientInputs(
  batch: number,
  steps: number,
  hidden: number,
  seed: number,
): NestedArray[] {
  const H = hidden;
  const x = rows(sample(batch * steps * 3 * H, seed), 3 * H);
  return [
    Array.from({ length: batch }, (_, b) => x.slice(b * steps, (b + 1) * steps)),
    rows(sample(batch * H, seed + 1), H),
    rows(sample(3 * H * H, seed + 2, 0.5), H),
    sample(3 * H, seed + 3, 0.5),
  ];
}

function gruGradientInputs(batch: number, hidden: number, seed: number): NestedArray[] {
  const H = hidden;
  return [
    rows(sample(batch * 3 * H, seed), 3 * H),
    rows(sample(batch * H, seed + 1), H),
    rows(sample(3 * H * H, seed + 2, 0.5), H),
    sample(3 * H, seed + 3, 0.5),
  ];
}

/** Adam on six values (weight decay on), in float64 by the formula: [θ', m', v']. */
const ADAM = {
  param: [0.5, -1.25, 2, 0, 3.5, -0.75],
  grad: [0.1, -0.3, 0.05, 1.5, -2, 0],
  expAvg: [0.01, 0.2, -0.1, 0, 0.5, -0.25],
  expAvgSq: [0.001, 0.04, 0.02, 0, 0.3, 0.01],
  hyper: {
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-8,
    weightDecay: 0.01,
    stepSize: 2e-3 / (1 - 0.9 ** 3),
    correction2: Math.sqrt(1 - 0.999 ** 3),
  },
};
function adamReference(): number[][] {
  const { param, grad, expAvg, expAvgSq, hyper } = ADAM;
  const h = hyper;
  const next: number[] = [];
  const m: number[] = [];
  const v: number[] = [];
  param.forEach((theta, i) => {
    const g = (grad[i] as number) + h.weightDecay * theta;
    const mi = h.beta1 * (expAvg[i] as number) + (1 - h.beta1) * g;
    const vi = h.beta2 * (expAvgSq[i] as number) + (1 - h.beta2) * g * g;
    m.push(mi);
    v.push(vi);
    next.push(theta - (h.stepSize * mi) / (Math.sqrt(vi) / h.correction2 + h.epsilon));
  });
  return [next, m, v];
}

for (const direct of [true, false]) {
  fusedCases.push({
    kernel: "AdamUpdate",
    direct,
    name: `one step, weight decay, a zero gradient and a zero state (${direct ? "the kernel" : "the op, any backend"})`,
    dtypes: ["float32", "float64"],
    run: (dtype) => {
      const t = (values: number[]) => tensor(values, [2, 3], dtype);
      const out = adamUpdate(
        t(ADAM.param),
        t(ADAM.grad),
        t(ADAM.expAvg),
        t(ADAM.expAvgSq),
        ADAM.hyper,
      );
      return [out.param, out.expAvg, out.expAvgSq];
    },
    expected: adamReference().map((values) => ({ shape: [2, 3], values })),
  });
}

export const fusedGradientCases: GradientCase[] = [
  {
    kernel: "LstmCell",
    name: "h' and c' with respect to xProj, h, c, W_hh (B=2, H=2)",
    f: (x, h, c, w) => {
      const out = lstmCell(x as Tensor, h as Tensor, c as Tensor, w as Tensor);
      return [out.h, out.c];
    },
    inputs: lstmGradientInputs(2, 2, 7),
  },
  {
    kernel: "LstmCell",
    name: "only c' reaches the loss (B=3, H=2)",
    f: (x, h, c, w) => lstmCell(x as Tensor, h as Tensor, c as Tensor, w as Tensor).c,
    inputs: lstmGradientInputs(3, 2, 8),
  },
  ...[false, true].map(
    (goBackwards): GradientCase => ({
      kernel: "LstmSequence",
      name: `output, h, c with respect to xProj, h0, c0, W_hh (B=2, T=3, H=2${goBackwards ? ", backwards" : ""})`,
      f: (x, h, c, w) => {
        const out = lstmSequence(x as Tensor, h as Tensor, c as Tensor, w as Tensor, {
          goBackwards,
        });
        return [out.output, out.h, out.c];
      },
      inputs: lstmSequenceGradientInputs(2, 3, 2, goBackwards ? 16 : 15),
    }),
  ),
  {
    kernel: "LstmSequence",
    name: "only the last cell state reaches the loss (B=1, T=4, H=2)",
    f: (x, h, c, w) => lstmSequence(x as Tensor, h as Tensor, c as Tensor, w as Tensor).c,
    inputs: lstmSequenceGradientInputs(1, 4, 2, 17),
  },
  ...[true, false].map(
    (resetAfter): GradientCase => ({
      kernel: "GruSequence",
      name: `${resetAfter ? "resetAfter" : "course form"}: output, h with respect to xProj, h0, W_hh, b_hh (B=2, T=3, H=2${resetAfter ? "" : ", backwards"})`,
      f: (x, h, w, b) => {
        const out = gruSequence(x as Tensor, h as Tensor, w as Tensor, b as Tensor, {
          resetAfter,
          goBackwards: !resetAfter,
        });
        return [out.output, out.h];
      },
      inputs: gruSequenceGradientInputs(2, 3, 2, resetAfter ? 25 : 26),
    }),
  ),
  ...[true, false].map(
    (resetAfter): GradientCase => ({
      kernel: "GruCell",
      name: `${resetAfter ? "resetAfter" : "course form"}: xProj, h, W_hh, b_hh (B=2, H=2)`,
      f: (x, h, w, b) =>
        gruCell(x as Tensor, h as Tensor, w as Tensor, b as Tensor, { resetAfter }),
      inputs: gruGradientInputs(2, 2, resetAfter ? 9 : 10),
    }),
  ),
];
