import { registerCpuBackend } from "@rnnkit/backend-cpu";
import {
  kernels,
  Rng,
  runKernelMulti,
  setBackend,
  type Tensor,
  tensor,
  tidy,
} from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { registerGpujsBackend } from "./register.js";

// The fused LSTM and GRU cell kernels (and one step of LstmSequence and LstmSequenceGrad) at a
// batch whose gate buffers hold more than 2^24 values
// (B·4H = 16,777,240), against backend-cpu: gpu.js keeps kernel variables in float32, so these
// flat indices must be computed in int32. The GRU runs with resetAfter = false (its most
// kernels). The weight gradients (a loop over B, past llvmpipe's 65,535-iteration cap) are left
// out; every other output is compared element by element.

const H = 2;
const B = (1 << 21) + 3;

/** Uniform values in (−1, 1), seeded. */
function uniform(rng: Rng, n: number): Float32Array {
  return Float32Array.from({ length: n }, () => 2 * rng.next() - 1);
}

const rng = new Rng(11);
const v = {
  xProj4: uniform(rng, B * 4 * H),
  xProj3: uniform(rng, B * 3 * H),
  h: uniform(rng, B * H),
  c: uniform(rng, B * H),
  dh: uniform(rng, B * H),
  dc: uniform(rng, B * H),
  w4: uniform(rng, 4 * H * H),
  w3: uniform(rng, 3 * H * H),
  bias: uniform(rng, 3 * H),
};

/** The cell outputs to compare (weight gradients left out), as Float32Arrays. */
function run(backendName: string): Float32Array[] {
  setBackend(backendName);
  return tidy(() => {
    const h = tensor(v.h, [B, H]);
    const c = tensor(v.c, [B, H]);
    const dh = tensor(v.dh, [B, H]);
    const lstmWeight = tensor(v.w4, [4 * H, H]);
    const [hNew, cNew, gates] = runKernelMulti(kernels.LstmCell, {
      xProj: tensor(v.xProj4, [B, 4 * H]),
      h,
      c,
      weightHh: lstmWeight,
    });
    const [dXProj, dH, dC] = runKernelMulti(kernels.LstmCellGrad, {
      dh,
      dc: tensor(v.dc, [B, H]),
      gates: gates as Tensor,
      c,
      cNew: cNew as Tensor,
      h,
      weightHh: lstmWeight,
    });
    // LstmSequence forward, one step: a step launch writes [h' | c' | gates] (B·6H values)
    const sequence = runKernelMulti(
      kernels.LstmSequence,
      {
        xProj: tensor(v.xProj4, [B, 1, 4 * H]),
        h0: h,
        c0: c,
        weightHh: lstmWeight,
      },
      { goBackwards: false },
    );
    // LstmSequenceGrad, one step (one launch: [dh_rec' | dc' | dGates], B·12H values)
    const [seqH, , , seqGates, seqC] = sequence as Tensor[];
    const sequenceGrad = runKernelMulti(
      kernels.LstmSequenceGrad,
      {
        dhSeq: tensor(v.dh, [B, 1, H]),
        dhN: dh,
        dcN: tensor(v.dc, [B, H]),
        gates: seqGates as Tensor,
        cSeq: seqC as Tensor,
        hSeq: seqH as Tensor,
        h0: h,
        c0: c,
        weightHh: lstmWeight,
      },
      { goBackwards: false },
    ).slice(0, 3); // dW_hh (a loop over B) left out
    const out = [hNew, cNew, gates, dXProj, dH, dC, ...sequence, ...sequenceGrad];
    {
      const resetAfter = false;
      const gruWeight = tensor(v.w3, [3 * H, H]);
      const [gruH, gruGates] = runKernelMulti(
        kernels.GruCell,
        {
          xProj: tensor(v.xProj3, [B, 3 * H]),
          h,
          weightHh: gruWeight,
          biasHh: tensor(v.bias, [3 * H]),
        },
        { resetAfter },
      );
      const [gruDx, gruDh] = runKernelMulti(
        kernels.GruCellGrad,
        { dh, gates: gruGates as Tensor, h, weightHh: gruWeight },
        { resetAfter },
      );
      out.push(gruH, gruGates, gruDx, gruDh);
    }
    return out.map((t) => Float32Array.from(t?.dataSync() ?? []));
  });
}

const NAMES = ["lstm h'", "lstm c'", "lstm gates", "lstm dXProj", "lstm dH", "lstm dC"];
NAMES.push("sequence hSeq", "sequence hN", "sequence cN", "sequence gates", "sequence cSeq");
NAMES.push("sequence dXProj", "sequence dH0", "sequence dC0");
for (const form of ["gru"])
  NAMES.push(`${form} h'`, `${form} gates`, `${form} dXProj`, `${form} dH`);

registerCpuBackend();
const reference = run("cpu");

describe.each(["webasm", "webgpu"] as const)("fused cells past 2^24 values (%s)", (mode) => {
  it("LstmCell(Grad), LstmSequence(Grad) and GruCell(Grad) match backend-cpu within 1e-4", () => {
    expect(B * 4 * H).toBeGreaterThan(2 ** 24);
    expect(registerGpujsBackend({ mode }).mode).toBe(mode);
    const actual = run("gpujs");
    const firstBad = actual.map((values, k) => {
      const expected = reference[k] as Float32Array;
      expect(values.length).toBe(expected.length);
      return values.findIndex((a, e) => !(Math.abs(a - (expected[e] as number)) <= 1e-4));
    });
    expect(NAMES.map((name, k) => ({ name, firstBad: firstBad[k] }))).toEqual(
      NAMES.map((name) => ({ name, firstBad: -1 })),
    );
  });
});

// LstmSequenceGrad's two-launch step (B·H² > 2^24: [dc' | dGates], then [dh_rec' | dc']) past
// 2^24 values per step: B·5H = 20,971,580.
const HS = 4;
const BS = (1 << 20) + 3;
const split = {
  xProj: uniform(rng, BS * 4 * HS),
  h: uniform(rng, BS * HS),
  c: uniform(rng, BS * HS),
  dh: uniform(rng, BS * HS),
  dc: uniform(rng, BS * HS),
  dhN: uniform(rng, BS * HS),
  w: uniform(rng, 4 * HS * HS),
};

/** dXProj, dH0 and dC0 of a one-step LSTM sequence at B = BS, H = HS. */
function runSplit(backendName: string): Float32Array[] {
  setBackend(backendName);
  return tidy(() => {
    const h0 = tensor(split.h, [BS, HS]);
    const c0 = tensor(split.c, [BS, HS]);
    const weightHh = tensor(split.w, [4 * HS, HS]);
    const [hSeq, , , gates, cSeq] = runKernelMulti(
      kernels.LstmSequence,
      { xProj: tensor(split.xProj, [BS, 1, 4 * HS]), h0, c0, weightHh },
      { goBackwards: false },
    ) as Tensor[];
    const grads = runKernelMulti(
      kernels.LstmSequenceGrad,
      {
        dhSeq: tensor(split.dh, [BS, 1, HS]),
        dhN: tensor(split.dhN, [BS, HS]),
        dcN: tensor(split.dc, [BS, HS]),
        gates: gates as Tensor,
        cSeq: cSeq as Tensor,
        hSeq: hSeq as Tensor,
        h0,
        c0,
        weightHh,
      },
      { goBackwards: false },
    );
    return grads.slice(0, 3).map((t) => Float32Array.from(t.dataSync()));
  });
}

const splitReference = runSplit("cpu");

describe.each(["webasm", "webgpu"] as const)(
  "LstmSequenceGrad, two launches a step, past 2^24 values (%s)",
  (mode) => {
    it("dXProj, dH0 and dC0 match backend-cpu within 1e-4", () => {
      expect(BS * HS * HS).toBeGreaterThan(2 ** 24);
      expect(registerGpujsBackend({ mode }).mode).toBe(mode);
      const actual = runSplit("gpujs");
      const names = ["dXProj", "dH0", "dC0"];
      const firstBad = actual.map((values, k) => {
        const expected = splitReference[k] as Float32Array;
        expect(values.length).toBe(expected.length);
        return values.findIndex((a, e) => !(Math.abs(a - (expected[e] as number)) <= 1e-4));
      });
      expect(names.map((name, k) => ({ name, firstBad: firstBad[k] }))).toEqual(
        names.map((name) => ({ name, firstBad: -1 })),
      );
    });
  },
);
