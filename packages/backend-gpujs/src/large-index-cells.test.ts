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

// The fused LSTM and GRU cell kernels (and LstmSequence's forward step) at a batch whose gate buffers hold more than 2^24 values
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
    const out = [hNew, cNew, gates, dXProj, dH, dC, ...sequence];
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
for (const form of ["gru"])
  NAMES.push(`${form} h'`, `${form} gates`, `${form} dXProj`, `${form} dH`);

registerCpuBackend();
const reference = run("cpu");

describe.each(["webasm", "webgpu"] as const)("fused cells past 2^24 values (%s)", (mode) => {
  it("LstmCell(Grad), LstmSequence and GruCell(Grad) match backend-cpu within 1e-4", () => {
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
