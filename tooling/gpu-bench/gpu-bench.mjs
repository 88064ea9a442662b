// rnnkit on a GPU host: backend-gpujs (gpu.js `webgpu` through Dawn) against backend-cpu on the
// workload of shared/docs/perf-anchors.md (one-hot V=65, T=64, LSTM/GRU of H units, Dense H→V and
// softmax cross-entropy at every step, Adam 2e-3; chars/s = B·T / median step), square matmuls and
// batch-1 generation. tooling/gpu-bench/pack.sh bundles it (workspace packages from source) into
// .gpu-payload/, run.sh runs it there part by part (see README.md beside this file).
//   --parts=lstm128,gru128,lstm512,lstm1024,matmul,gen128   (default: all)
//   --backends=gpujs,cpu        gpujs runs first; the loss check needs both
//   --warmup=3 --steps=20       gpujs training steps (perf-anchors: ≥ 3 warm-up, ≥ 20 timed)
//   --cpu-warmup=1 --cpu-steps=2 --cpu-big=0   backend-cpu steps; cpu-big=1 also runs lstm1024 on cpu
//   --budget=40 --cpu-budget=25 seconds per part and backend: no new step starts past it
//   --deadline=0                seconds for the whole process (0: none); later parts are skipped
//   --sizes=512,1024,2048 --cpu-sizes=512 --reps=8   matmul sizes; products per readback (gpujs)
//   --gen-warmup=50 --gen-steps=500   generation characters (cpu does the same)
//   --T= --B= --H= --V=         override every training workload (smoke tests)
// stdout: one JSON line per measurement, printed as soon as it is done; stderr: progress.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { registerGpujsBackend } from "@rnnkit/backend-gpujs";
import {
  dispose,
  keep,
  matMul,
  memory,
  oneHot,
  Rng,
  randomUniform,
  setBackend,
  softmax,
  tensor,
  tidy,
  variableGrads,
} from "@rnnkit/core-tensor";
import { Dense, GRU, LSTM } from "@rnnkit/layers-recurrent";
import { crossEntropy } from "@rnnkit/losses";
import { Adam } from "@rnnkit/optim";

// The pack.sh payload has no node_modules/gpu.js; the webgpu worker require()s this CommonJS bundle
const { env } = process;
const gpujsCjs = fileURLToPath(new URL("./gpujs.cjs", import.meta.url));
if (!env.RNNKIT_GPUJS_PATH && existsSync(gpujsCjs)) env.RNNKIT_GPUJS_PATH = gpujsCjs;

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k, v ?? "true"];
  }),
);
const num = (key, fallback) => (args[key] === undefined ? fallback : Number(args[key]));
const list = (key, fallback) => (args[key] ?? fallback).split(",").filter(Boolean);

const WORKLOADS = {
  lstm128: { cell: "LSTM", H: 128, B: 32 },
  gru128: { cell: "GRU", H: 128, B: 32 },
  lstm512: { cell: "LSTM", H: 512, B: 32 },
  lstm1024: { cell: "LSTM", H: 1024, B: 128, big: true },
};
const parts = list("parts", "lstm128,gru128,lstm512,lstm1024,matmul,gen128");
const backends = list("backends", "gpujs,cpu");
const V = num("V", 65);
const T = num("T", 64);
const deadline = num("deadline", 0) * 1000;
const started = performance.now();

const out = (record) => console.log(JSON.stringify({ bench: "rnnkit", ...record }));
const progress = (text) => console.error(`[gpu-bench ${elapsedS()}s] ${text}`);
const elapsedS = () => ((performance.now() - started) / 1000).toFixed(1);
const round = (x, digits = 3) => (Number.isFinite(x) ? Number(x.toPrecision(digits + 2)) : x);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** FLOPs of one training step, perf-anchors: 3·T·(2B(V+H)·gH + 2BHV), g = 4 (LSTM) or 3 (GRU). */
const stepFlops = (cell, B, H) =>
  3 * T * (2 * B * (V + H) * (cell === "LSTM" ? 4 : 3) * H + 2 * B * H * V);

/** Builds the model on the active backend; the same seed gives the same weights on every backend. */
function makeModel(cell, H) {
  const rng = new Rng(7);
  const Layer = cell === "LSTM" ? LSTM : GRU;
  const rnn = new Layer({ inputSize: V, hiddenSize: H, rng });
  const dense = new Dense({ inputSize: H, outputSize: V, rng });
  return { rnn, dense, params: [...rnn.parameters(), ...dense.parameters()] };
}

/**
 * Timed training steps of the perf-anchors char-RNN. Stops starting new steps once the budget is
 * spent (at least one step runs). Returns the step times and the loss of every step.
 */
function trainSteps(cell, B, H, warmup, steps, budgetMs, label) {
  const { rnn, dense, params } = makeModel(cell, H);
  const optimizer = new Adam(params, { learningRate: 2e-3 });
  const rng = new Rng(11);
  const chars = Array.from({ length: B * (T + 1) }, () => Math.floor(rng.next() * V));
  const inputs = tensor(
    chars.filter((_, i) => i % (T + 1) !== T),
    [B, T],
    "int32",
  );
  const targets = tensor(
    chars.filter((_, i) => i % (T + 1) !== 0),
    [B, T],
    "int32",
  );
  const times = [];
  const losses = [];
  const t0 = performance.now();
  let stoppedEarly = false;
  for (let step = 0; step < warmup + steps; step++) {
    const spent = performance.now() - t0;
    if (step > 0 && spent + (times.at(-1) ?? 0) > budgetMs) {
      stoppedEarly = true;
      break;
    }
    const s0 = performance.now();
    tidy(() => {
      const { value, grads } = variableGrads(
        () => crossEntropy(dense.forward(rnn.forward(oneHot(inputs, V)).output), targets),
        params,
      );
      optimizer.step(grads);
      losses.push(value.dataSync()[0]);
    });
    times.push(performance.now() - s0);
    if (step < 2 || (step + 1) % 5 === 0 || step + 1 === warmup + steps) {
      progress(`${label} step ${step + 1}/${warmup + steps}: ${times.at(-1).toFixed(1)} ms`);
    }
  }
  optimizer.dispose();
  dispose([params, inputs, targets]);
  return { times, losses, stoppedEarly };
}

function summarizeSteps(times, warmup) {
  // the timed steps; if the budget ended the run inside the warm-up, the warm-up steps but the first
  const timed = times.length > warmup ? times.slice(warmup) : times.slice(times.length > 1 ? 1 : 0);
  return { timed, fromWarmup: times.length <= warmup };
}

const lossRecords = new Map(); // part → backend label → losses

function checkLosses(part, extra = {}) {
  const byBackend = lossRecords.get(part);
  const gpujs = [...(byBackend?.entries() ?? [])].find(([k]) => k.startsWith("gpujs"));
  const cpu = byBackend?.get("cpu");
  if (gpujs === undefined || cpu === undefined) return;
  const [, g] = gpujs;
  const n = Math.min(g.length, cpu.length);
  if (n === 0) return;
  let worst = 0;
  for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(g[i] - cpu[i]));
  const tolerance = 2e-3 * Math.max(1, Math.abs(cpu[0]));
  out({
    kind: "check",
    part,
    what: "loss, gpujs vs cpu, same seeds",
    steps: n,
    lossGpujs: g.slice(0, n).map((x) => round(x, 6)),
    lossCpu: cpu.slice(0, n).map((x) => round(x, 6)),
    maxAbsDiff: round(worst),
    tolerance: round(tolerance),
    ok: worst <= tolerance && Number.isFinite(worst),
    ...extra,
  });
}

function runTraining(part, spec, label) {
  const isCpu = label === "cpu";
  const B = num("B", spec.B);
  const H = num("H", spec.H);
  if (isCpu && spec.big && !num("cpu-big", 0)) {
    out({
      kind: "skip",
      part,
      backend: label,
      reason: "backend-cpu at this size is slow (--cpu-big=1 runs it)",
    });
    return;
  }
  const warmup = isCpu ? num("cpu-warmup", 1) : num("warmup", 3);
  const steps = isCpu ? num("cpu-steps", 2) : num("steps", 20);
  const budgetMs = 1000 * (isCpu ? num("cpu-budget", 25) : num("budget", 40));
  const { times, losses, stoppedEarly } = trainSteps(
    spec.cell,
    B,
    H,
    warmup,
    steps,
    budgetMs,
    `${label} ${part}`,
  );
  lossRecords.set(part, (lossRecords.get(part) ?? new Map()).set(label, losses));
  const { timed, fromWarmup } = summarizeSteps(times, warmup);
  const ms = median(timed);
  out({
    kind: "train",
    part,
    backend: label,
    cell: spec.cell,
    V,
    T,
    B,
    H,
    warmup: Math.min(warmup, times.length),
    timedSteps: fromWarmup ? 0 : timed.length,
    stoppedEarly,
    fromWarmup,
    firstStepMs: round(times[0]),
    msMedian: round(ms),
    msMin: round(Math.min(...timed)),
    charsPerSecond: Math.round((B * T) / (ms / 1000)),
    gflops: round(stepFlops(spec.cell, B, H) / (ms * 1e6)),
    lossFirst: round(losses[0], 6),
    lossLast: round(losses.at(-1), 6),
  });
}

/** ms per n×n×n product with both operands on the backend; `reps` products, then one readback. */
function runMatMul(label) {
  const isCpu = label === "cpu";
  const sizes = list(isCpu ? "cpu-sizes" : "sizes", isCpu ? "512" : "512,1024,2048").map(Number);
  const reps = isCpu ? 1 : num("reps", 8);
  const budgetMs = 1000 * (isCpu ? num("cpu-budget", 25) : num("budget", 40));
  const t0 = performance.now();
  for (const n of sizes) {
    if (performance.now() - t0 > budgetMs) {
      out({ kind: "skip", part: "matmul", backend: label, n, reason: "part budget spent" });
      continue;
    }
    const rng = new Rng(1);
    const a = randomUniform([n, n], -1, 1, { rng });
    const b = randomUniform([n, n], -1, 1, { rng });
    const c0 = performance.now();
    const first = tidy(() => matMul(a, b).dataSync()); // compiles on gpujs
    const firstMs = performance.now() - c0;
    const times = [];
    for (let r = 0; r < 3 && (r === 0 || performance.now() - t0 < budgetMs); r++) {
      const s0 = performance.now();
      tidy(() => {
        let c;
        for (let i = 0; i < reps; i++) c = matMul(a, b);
        c.dataSync();
      });
      times.push((performance.now() - s0) / reps);
    }
    // 256 sampled cells against a float64 sum over the same float32 operands
    const av = a.dataSync();
    const bv = b.dataSync();
    let maxAbsErr = 0;
    const pick = new Rng(3);
    for (let s = 0; s < 256; s++) {
      const i = Math.floor(pick.next() * n);
      const j = Math.floor(pick.next() * n);
      let ref = 0;
      for (let k = 0; k < n; k++) ref += av[i * n + k] * bv[k * n + j];
      maxAbsErr = Math.max(maxAbsErr, Math.abs(first[i * n + j] - ref));
    }
    dispose([a, b]);
    const ms = median(times);
    out({
      kind: "matmul",
      part: "matmul",
      backend: label,
      n,
      reps,
      rounds: times.length,
      firstCallMs: round(firstMs),
      msPerProduct: round(ms),
      gflops: round((2 * n ** 3) / (ms * 1e6)),
      maxAbsErr: round(maxAbsErr),
      ok: maxAbsErr < 1e-5 * n,
    });
    progress(`${label} matmul ${n}: ${ms.toFixed(2)} ms`);
  }
}

const generated = new Map(); // backend label → generated character indices

/** Batch-1 generation with LSTM H=128: one character per call, state carried, sampled on the host. */
function runGeneration(label) {
  const H = num("H", 128);
  const warmupChars = num("gen-warmup", 50);
  const timedChars = num("gen-steps", 500);
  const budgetMs = 1000 * (label === "cpu" ? num("cpu-budget", 25) : num("budget", 40));
  const { rnn, dense, params } = makeModel("LSTM", H);
  const rng = new Rng(5);
  let state = {};
  let char = 0;
  const chars = [];
  const t0 = performance.now();
  let timedStart = t0;
  let stoppedEarly = false;
  for (let i = 0; i < warmupChars + timedChars; i++) {
    if (i === warmupChars) timedStart = performance.now();
    if (i % 50 === 0 && i > 0 && performance.now() - t0 > budgetMs) {
      stoppedEarly = true;
      break;
    }
    const next = tidy(() => {
      const x = oneHot(tensor([char], [1, 1], "int32"), V);
      const { output, hN, cN } = rnn.forward(x, state);
      const p = softmax(dense.forward(output)).dataSync();
      return { hN: keep(hN), cN: keep(cN), p };
    });
    dispose([state.h0, state.c0]);
    state = { h0: next.hN, c0: next.cN };
    // inverse-CDF sampling with a seeded generator (the same on every backend)
    let u = rng.next();
    char = V - 1;
    for (let k = 0; k < V; k++) {
      u -= next.p[k];
      if (u < 0) {
        char = k;
        break;
      }
    }
    chars.push(char);
  }
  const timedCount = Math.max(0, chars.length - warmupChars);
  const seconds = (performance.now() - (timedCount > 0 ? timedStart : t0)) / 1000;
  const count = timedCount > 0 ? timedCount : chars.length;
  dispose([state.h0, state.c0, params]);
  generated.set(label, chars);
  out({
    kind: "generate",
    part: "gen128",
    backend: label,
    cell: "LSTM",
    H,
    warmup: Math.min(warmupChars, chars.length),
    chars: count,
    stoppedEarly,
    msPerChar: round((1000 * seconds) / count),
    charsPerSecond: Math.round(count / seconds),
  });
}

function checkGeneration() {
  const g = [...generated.entries()].find(([k]) => k.startsWith("gpujs"))?.[1];
  const c = generated.get("cpu");
  if (g === undefined || c === undefined) return;
  let same = 0;
  while (same < Math.min(g.length, c.length) && g[same] === c[same]) same++;
  out({
    kind: "check",
    part: "gen128",
    what: "generated characters, gpujs vs cpu, same seeds: common prefix (float32 rounding can flip a sample late)",
    prefixAgree: same,
    of: Math.min(g.length, c.length),
    ok: same >= Math.min(20, g.length, c.length),
  });
}

function runPart(part, label) {
  if (part === "matmul") runMatMul(label);
  else if (part === "gen128") runGeneration(label);
  else if (WORKLOADS[part]) runTraining(part, WORKLOADS[part], label);
  else
    throw new Error(
      `unknown part ${part} (known: ${Object.keys(WORKLOADS).join(", ")}, matmul, gen128)`,
    );
}

// ---------------------------------------------------------------- main
registerCpuBackend();
let gpujsLabel;
if (backends.includes("gpujs")) {
  const r0 = performance.now();
  try {
    const backend = registerGpujsBackend({ mode: args.mode ?? "webgpu" });
    gpujsLabel = `gpujs/${backend.mode}`;
    out({
      kind: "backend",
      backend: gpujsLabel,
      mode: backend.mode,
      adapter: backend.adapter ?? null,
      startMs: round(performance.now() - r0),
      gpujsPath: env.RNNKIT_GPUJS_PATH ?? null,
      node: process.version,
    });
  } catch (error) {
    out({ kind: "error", backend: "gpujs", error: String(error?.message ?? error).split("\n")[0] });
  }
}
let failures = 0;
for (const part of parts) {
  for (const name of backends) {
    const label = name === "cpu" ? "cpu" : gpujsLabel;
    if (label === undefined) continue;
    if (deadline > 0 && performance.now() - started > deadline) {
      out({ kind: "skip", part, backend: label, reason: "process deadline reached" });
      continue;
    }
    setBackend(label === "cpu" ? "cpu" : "gpujs");
    progress(`${label} ${part}: start`);
    try {
      runPart(part, label);
    } catch (error) {
      failures++;
      out({
        kind: "error",
        part,
        backend: label,
        error: String(error?.message ?? error).split("\n")[0],
      });
    }
  }
  if (part === "gen128") checkGeneration();
  else if (part !== "matmul") checkLosses(part);
}
setBackend("cpu");
out({
  kind: "done",
  parts,
  seconds: round((performance.now() - started) / 1000),
  failures,
  liveTensors: memory().numTensors,
});
process.exit(failures > 0 ? 1 : 0);
