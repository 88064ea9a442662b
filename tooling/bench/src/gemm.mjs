// float32 GEMM GFLOP/s of rnnkit's two CPU paths side by side — the pure-TypeScript GEMM
// (setCpuWasmEnabled(false), what RNNKIT_CPU_WASM=0 selects) and the WebAssembly SIMD GEMM (the
// default, on cpuThreads() threads for large products; rnnkit-wasm-1t: on one thread) — with tfjs
// 4.22.0 `cpu` and `wasm` in the same run. Square sizes (--sizes) plus the
// products of one char-RNN training step (LSTM H=128, B=32, T=64, V=65; "ᵀ" = transposed operand).
//   node tooling/scripts/bench.mjs --only gemm [--sizes 256,512,1024] [--systems rnnkit-ts,rnnkit-wasm]

import {
  cpuThreads,
  setCpuThreads,
  setCpuWasmEnabled,
  whenCpuThreadsReady,
} from "@rnnkit/backend-cpu";
import { measure, median, quietly, randomFloat32 } from "./harness.mjs";
import { matMul, registerCpuBackend, setBackend, tensor } from "./systems/rnnkit.mjs";
import { loadTfjs } from "./systems/tfjs.mjs";

/** Products of one LSTM H=128 training step: [m, k, n, transposeA, transposeB, what]. */
const RNN_SHAPES = [
  [32, 128, 512, false, true, "h·W_hhᵀ (each step)"],
  [32, 512, 128, false, false, "dGates·W_hh (each step, backward)"],
  [512, 32, 128, true, false, "dGatesᵀ·h (each step, backward)"],
  [2048, 65, 512, false, true, "x·W_ihᵀ (all steps at once)"],
  [2048, 128, 65, false, true, "dense H→V"],
];

/** Warm-up runs, timed runs and a time cap per (system, shape), from the work m·k·n. */
function plan(work) {
  return work <= 2 ** 24
    ? { warmup: 5, reps: 30, maxSeconds: 3 }
    : { warmup: 1, reps: 7, maxSeconds: 10 };
}

function row(system, shape, times) {
  const [m, k, n] = shape.dims;
  const flops = 2 * m * k * n;
  return {
    system,
    shape: shape.name,
    what: shape.what,
    m,
    k,
    n,
    gflops: flops / median(times) / 1e9,
    gflopsBest: flops / Math.min(...times) / 1e9,
    msMedian: median(times) * 1000,
    reps: times.length,
  };
}

async function benchRnnkit(system, shape, a, b) {
  registerCpuBackend();
  setBackend("cpu");
  const threads = cpuThreads(); // restored below
  setCpuWasmEnabled(system !== "rnnkit-ts");
  if (system === "rnnkit-wasm-1t") setCpuThreads(1);
  await whenCpuThreadsReady();
  const [m, k, n, transposeA, transposeB] = shape.dims;
  const ta = tensor(a, transposeA ? [k, m] : [m, k], "float32");
  const tb = tensor(b, transposeB ? [n, k] : [k, n], "float32");
  const times = await measure(
    () => {
      const c = matMul(ta, tb, transposeA, transposeB);
      c.dataSync();
      c.dispose();
    },
    plan(m * k * n),
  );
  ta.dispose();
  tb.dispose();
  setCpuWasmEnabled(true);
  setCpuThreads(threads);
  return row(system, shape, times);
}

async function benchTfjs(tf, backend, shape, a, b) {
  await quietly(async () => {
    await tf.setBackend(backend);
    await tf.ready();
  });
  const [m, k, n, transposeA, transposeB] = shape.dims;
  const ta = tf.tensor2d(a, transposeA ? [k, m] : [m, k], "float32");
  const tb = tf.tensor2d(b, transposeB ? [n, k] : [k, n], "float32");
  const times = await measure(
    () => {
      const c = tf.matMul(ta, tb, transposeA, transposeB);
      c.dataSync();
      c.dispose();
    },
    plan(m * k * n),
  );
  ta.dispose();
  tb.dispose();
  return row(`tfjs-${backend}`, shape, times);
}

/** @param {{ sizes?: number[], systems?: string[], log: (line: string) => void }} options */
export async function runGemm({ sizes = [256, 512, 1024], systems, log }) {
  const tf = await quietly(loadTfjs);
  const shapes = [
    ...sizes.map((s) => ({ name: `${s}³`, what: "square", dims: [s, s, s, false, false] })),
    ...RNN_SHAPES.map(([m, k, n, transposeA, transposeB, what]) => ({
      name: `${m}${transposeA ? "ᵀ" : ""}×${k}×${n}${transposeB ? "ᵀ" : ""}`,
      what,
      dims: [m, k, n, transposeA, transposeB],
    })),
  ];
  const results = [];
  for (const shape of shapes) {
    const [m, k, n] = shape.dims;
    const a = randomFloat32(m * k, 1);
    const b = randomFloat32(k * n, 2);
    for (const [name, run] of [
      ["rnnkit-ts", () => benchRnnkit("rnnkit-ts", shape, a, b)],
      ["rnnkit-wasm", () => benchRnnkit("rnnkit-wasm", shape, a, b)],
      ["rnnkit-wasm-1t", () => benchRnnkit("rnnkit-wasm-1t", shape, a, b)],
      ["tfjs-cpu", () => benchTfjs(tf, "cpu", shape, a, b)],
      ["tfjs-wasm", () => benchTfjs(tf, "wasm", shape, a, b)],
    ]) {
      if (systems && !systems.includes(name)) continue;
      log(`gemm ${shape.name} ${name} …`);
      results.push(await run());
    }
  }
  // rnnkit-wasm / system at each shape (> 1: the WebAssembly GEMM is faster)
  for (const r of results) {
    const ours = results.find((o) => o.system === "rnnkit-wasm" && o.shape === r.shape);
    r.ratio = r.system === "rnnkit-wasm" || !ours ? undefined : ours.gflops / r.gflops;
  }
  return {
    rows: results,
    table: results.map((r) => ({
      shape: r.shape,
      what: r.what,
      system: r.system,
      "GFLOP/s": r.gflops.toFixed(2),
      "best GFLOP/s": r.gflopsBest.toFixed(2),
      "ms (median)": r.msMedian.toFixed(2),
      reps: r.reps,
      "wasm/this": r.ratio === undefined ? "—" : r.ratio.toFixed(2),
    })),
  };
}

export const gemmSuite = { name: "gemm", run: runGemm };
