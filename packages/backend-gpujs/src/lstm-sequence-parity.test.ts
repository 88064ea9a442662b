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
import type { GpujsBackend } from "./backend-gpujs.js";
import { FUSED_STEP_WORK } from "./kernels/fused/sequence-layout.js";
import { registerGpujsBackend } from "./register.js";

// LstmSequence and LstmSequenceGrad on backend-gpujs against backend-cpu, at sizes whose loops
// run past gpu.js's 1000-iteration cap (H, 4H ≥ 1000) on both step paths: one launch per step
// (B·H² ≤ FUSED_STEP_WORK) and two launches per step (above it).

type Arrays = Float32Array[];

interface Case {
  B: number;
  T: number;
  H: number;
  goBackwards: boolean;
}

/** Uniform values in (−scale, scale), seeded. */
function uniform(rng: Rng, n: number, scale: number): Float32Array {
  return Float32Array.from({ length: n }, () => (2 * rng.next() - 1) * scale);
}

interface Inputs {
  xProj: Float32Array;
  h0: Float32Array;
  c0: Float32Array;
  weightHh: Float32Array;
  dhSeq: Float32Array;
  dhN: Float32Array;
  dcN: Float32Array;
}

function makeInputs({ B, T, H }: Case): Inputs {
  const rng = new Rng(7);
  return {
    xProj: uniform(rng, B * T * 4 * H, 1),
    h0: uniform(rng, B * H, 0.5),
    c0: uniform(rng, B * H, 0.5),
    weightHh: uniform(rng, 4 * H * H, 1 / Math.sqrt(H)),
    dhSeq: uniform(rng, B * T * H, 1),
    dhN: uniform(rng, B * H, 1),
    dcN: uniform(rng, B * H, 1),
  };
}

/**
 * The forward outputs [hSeq, hN, cN, gates, cSeq] and the gradient outputs [dXProj, dH0, dC0,
 * dWeightHh] on `backendName`. The gradient's saved tensors (gates, cSeq, hSeq) are `saved` when
 * given (backend-cpu's), so a forward error does not hide in the gradient comparison.
 */
function run(
  backendName: string,
  { B, T, H, goBackwards }: Case,
  v: Inputs,
  saved?: Arrays,
): { forward: Arrays; backward: Arrays } {
  setBackend(backendName);
  return tidy(() => {
    const attrs = { goBackwards };
    const xProj = tensor(v.xProj, [B, T, 4 * H]);
    const h0 = tensor(v.h0, [B, H]);
    const c0 = tensor(v.c0, [B, H]);
    const weightHh = tensor(v.weightHh, [4 * H, H]);
    const forward = runKernelMulti(kernels.LstmSequence, { xProj, h0, c0, weightHh }, attrs);
    const values = forward.map((t) => Float32Array.from(t.dataSync()));
    const [hSeq, , , gates, cSeq] =
      saved === undefined
        ? (forward as Tensor[])
        : [
            tensor(saved[0] as Float32Array, [B, T, H]),
            undefined,
            undefined,
            tensor(saved[3] as Float32Array, [T, B, 4 * H]),
            tensor(saved[4] as Float32Array, [T, B, H]),
          ];
    const backward = runKernelMulti(
      kernels.LstmSequenceGrad,
      {
        dhSeq: tensor(v.dhSeq, [B, T, H]),
        dhN: tensor(v.dhN, [B, H]),
        dcN: tensor(v.dcN, [B, H]),
        gates: gates as Tensor,
        cSeq: cSeq as Tensor,
        hSeq: hSeq as Tensor,
        h0,
        c0,
        weightHh,
      },
      attrs,
    );
    return { forward: values, backward: backward.map((t) => Float32Array.from(t.dataSync())) };
  });
}

/** max |actual − expected| / max |expected|, and the first index off by more than `tolerance` of that scale. */
function compare(actual: Float32Array, expected: Float32Array, tolerance: number) {
  expect(actual.length).toBe(expected.length);
  let scale = 0;
  for (const v of expected) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  let firstBad = -1;
  expected.forEach((e, k) => {
    const d = Math.abs((actual[k] as number) - e) / scale;
    if (!(d <= worst)) worst = d; // NaN counts as worst
    if (firstBad < 0 && !(d <= tolerance)) firstBad = k;
  });
  return { relative: worst, firstBad, scale };
}

/** The most loop iterations one invocation runs on this device (Infinity if not capped). */
function loopCap(backend: GpujsBackend): number {
  const n = 100_000;
  setBackend("gpujs");
  return tidy(() => {
    const ones = tensor(new Float32Array(n).fill(1), [n]);
    const info = { dataId: ones.dataId, shape: ones.shape, dtype: ones.dtype };
    const total = backend.run(
      {
        source: `function (a) {
  let s = 0.0;
  for (let k = 0; k < this.constants.N; k++) {
    s += a[k];
  }
  return s;
}`,
        size: 1,
        constants: { N: n },
      },
      [info],
      [1],
      "float32",
    );
    const counted = backend.readSync(total.dataId)[0] as number;
    backend.disposeData(total.dataId);
    return counted === n ? Number.POSITIVE_INFINITY : counted;
  });
}

const FORWARD = ["hSeq", "hN", "cN", "gates", "cSeq"];
const BACKWARD = ["dXProj", "dH0", "dC0", "dWeightHh"];

registerCpuBackend();

const cases: (Case & { path: string })[] = [
  // B·H² = 17·2^20 > 2^24: two launches per step; the gradient's recurrent loop runs 4H = 4096 times
  { path: "two launches", B: 17, T: 2, H: 1024, goBackwards: false },
  // B·H² = 2^21 ≤ 2^24: one launch per step, loops over H = 1024
  { path: "one launch", B: 2, T: 3, H: 1024, goBackwards: true },
  // B·T·4H = 16,908,288 > 2^24: flat indices of xProj, gates and dXProj that float32 cannot hold
  { path: "large index", B: 8192, T: 129, H: 4, goBackwards: false },
];

describe.each(["webasm", "webgpu", "cpu"] as const)("LstmSequence(Grad) parity (%s)", (mode) => {
  // cpu mode computes in float64 (exact indices) and slowly: the large-index case is left out
  it.each(mode === "cpu" ? cases.filter((c) => c.path !== "large index") : cases)(
    "$path: B=$B T=$T H=$H matches backend-cpu within 1e-4",
    (c) => {
      expect(c.B * c.H * c.H > FUSED_STEP_WORK).toBe(c.path === "two launches");
      const inputs = makeInputs(c);
      const reference = run("cpu", c, inputs);
      const backend = registerGpujsBackend({ mode });
      expect(backend.mode).toBe(mode);
      const actual = run("gpujs", c, inputs, reference.forward);
      const report = (names: string[], a: Arrays, e: Arrays) =>
        names.map((name, k) => ({
          name,
          ...compare(a[k] as Float32Array, e[k] as Float32Array, 1e-4),
        }));
      const results = [
        ...report(FORWARD, actual.forward, reference.forward),
        ...report(BACKWARD, actual.backward, reference.backward),
      ];
      for (const r of results) expect(r.scale).toBeGreaterThan(0.01); // each output is non-trivial
      // Mesa's llvmpipe ends an invocation's loops after 65,535 iterations in all (a real GPU does
      // not); the dW_hh kernel loops B·T times
      const capped = c.B * c.T > loopCap(backend);
      const checked = capped ? results.filter((r) => r.name !== "dWeightHh") : results;
      expect(checked.map(({ name, firstBad }) => ({ name, firstBad }))).toEqual(
        checked.map(({ name }) => ({ name, firstBad: -1 })),
      );
    },
  );
});
