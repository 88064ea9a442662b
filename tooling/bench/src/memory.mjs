// Memory of the char-RNN training step (docs/perf-anchors.md; issue 9: "peak RSS ≤ 2 × (parameters
// + activations kept for BPTT + optimizer state); no growth over 10,000 steps"). Each (system,
// workload) trains in its own child process (rnn-rnnkit.mjs / rnn-torch.py, kind "memory") for
// `steps` steps and samples its memory every `every` steps. The suite reports:
//   baseline   RSS after the imports, before the backend, the model and the optimizer exist
//   peak       the process's RSS high-water mark (VmHWM), which catches the peak inside a step
//   bound B    memoryBound() below, from the shapes; ratios (peak − baseline) / B and peak / B
//   growth     RSS and live tensors between steps, first vs last quarter after warm-up
//   node tooling/scripts/bench.mjs --only memory [--workloads lstm128,lstm512] [--steps 300]
//     [--every 10] [--systems rnnkit-cpu,pytorch-1t]
import { readFileSync } from "node:fs";
import { RNN_SYSTEMS, runWorker } from "./rnn-runner.mjs";
import { BATCH, gateCount, STEPS, VOCABULARY, WORKLOADS } from "./rnn-workload.mjs";

const MB = 1024 * 1024;
const FLOAT32 = 4;

/** Systems whose worker has the "memory" kind; the default pair runs one beside the other. */
const MEMORY_SYSTEMS = ["rnnkit-cpu", "rnnkit-cpu-index", "pytorch", "pytorch-1t"];
const DEFAULT_SYSTEMS = ["rnnkit-cpu", "pytorch-1t"];
const DEFAULT_WORKLOADS = ["lstm128", "lstm512"];

/** Steps by default: 300 at H ≤ 128, 30 above (an rnnkit LSTM H=512 step takes seconds). */
function defaultSteps(hidden) {
  return hidden <= 128 ? 300 : 30;
}

/**
 * The bound B of the issue, in bytes (float32), from the shapes alone: B = P + A + S.
 *
 * P, parameters: the cell's W_ih [gH, V], W_hh [gH, H], b_ih and b_hh [gH]; the dense layer's
 *   W [V, H] and b [V]  (g = 4 gate blocks for an LSTM, 3 for a GRU).
 * S, optimizer state: Adam's m and v, one of each per parameter: 2P.
 * A, activations kept for BPTT: the least the forward pass must hand to the backward pass.
 *   Per time step t (T of them):
 *     LSTM: the activated gates i, f, g, o [B, 4H] (the fused cell's backward reads them),
 *           c_t [B, H] (tanh(c_t) for do and dc; c_{t−1} for df) and h_t [B, H]
 *           (dW_hh = Σ dGates_tᵀ·h_{t−1}, and the dense layer's dW = Σ dlogits_tᵀ·h_t): 6·B·H
 *     GRU:  the gates r, z, n [B, 3H], W_hn·h_{t−1} + b_hn [B, H] (dr needs it) and h_t [B, H]:
 *           5·B·H
 *     loss: the softmax p_t [B, V] (dlogits = (p_t − onehot(y_t)) / (B·T)): B·V
 *   Once: the one-hot input x [B, T, V] (dW_ih = Σ dGates_tᵀ·x_t) and the initial states
 *   (h_0, and c_0 for an LSTM) [B, H] each.
 *   Not counted, because BPTT does not need them once the above exist: the input projection
 *   x·W_ihᵀ + b (pre-activations), the logits and the log-softmax (p replaces both), tanh(c_t)
 *   (recomputed from c_t), the gradients (transient), the int32 targets.
 */
export function memoryBound(cell, hidden) {
  const g = gateCount(cell);
  const [V, T, B, H] = [VOCABULARY, STEPS, BATCH, hidden];
  const parameters = g * H * V + g * H * H + 2 * g * H + V * H + V;
  const perStep = (cell === "gru" ? 5 : 6) * B * H + B * V;
  const states = (cell === "gru" ? 1 : 2) * B * H;
  const activations = T * perStep + B * T * V + states;
  const optimizer = 2 * parameters;
  const bytes = (n) => n * FLOAT32;
  return {
    parameters: bytes(parameters),
    activations: bytes(activations),
    optimizer: bytes(optimizer),
    total: bytes(parameters + activations + optimizer),
  };
}

// ---------- in the worker (JavaScript systems) ----------

/** Linux's /proc/self/status fields in bytes (undefined elsewhere). */
function procStatus() {
  try {
    const text = readFileSync("/proc/self/status", "utf8");
    const field = (name) => {
      const match = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text);
      return match ? Number(match[1]) * 1024 : undefined;
    };
    return { rss: field("VmRSS"), hwm: field("VmHWM") };
  } catch {
    return {};
  }
}

/**
 * The process's memory now: RSS, its high-water mark (VmHWM: the peak of this process image, not
 * of the parent it was forked from, unlike getrusage's maxrss after exec), and V8's heap figures.
 */
export function processMemory() {
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const status = procStatus();
  return {
    rss: status.rss ?? rss,
    hwm: status.hwm ?? process.resourceUsage().maxRSS * 1024,
    heapTotal,
    heapUsed,
    external,
    arrayBuffers,
  };
}

/**
 * Remembers every WebAssembly memory an instance exports from now on (the CPU backend's GEMM and
 * LSTM modules share one, instantiated on first use). Call before the first kernel runs.
 */
export function recordWasmMemories() {
  const memories = new Set();
  const { Instance } = WebAssembly;
  WebAssembly.Instance = class extends Instance {
    constructor(module, imports) {
      super(module, imports);
      for (const value of Object.values(this.exports)) {
        if (value instanceof WebAssembly.Memory) memories.add(value);
      }
    }
  };
  return () => {
    let bytes = 0;
    for (const memory of memories) bytes += memory.buffer.byteLength;
    return bytes;
  };
}

/**
 * Counts the CPU backend's live bytes as data is adopted and disposed, and their peak: the
 * high-water mark of tensor memory inside a step, which sampling between steps cannot see.
 * Returns undefined for any other backend (only the CPU backend's `adopt` is wrapped).
 */
export function trackTensorBytes(backend) {
  if (backend.name !== "cpu" || typeof backend.adopt !== "function") return undefined;
  let live = backend.memory().numBytes ?? 0;
  let peak = live;
  const adopt = backend.adopt.bind(backend);
  const disposeData = backend.disposeData.bind(backend);
  backend.adopt = (values) => {
    live += values.byteLength;
    if (live > peak) peak = live;
    return adopt(values);
  };
  backend.disposeData = (dataId) => {
    live -= backend.readSync(dataId).byteLength;
    disposeData(dataId);
  };
  return {
    live: () => live,
    /** The peak since the last call (then restarts from the live bytes). */
    takePeak: () => {
      const value = peak;
      peak = live;
      return value;
    },
  };
}

/**
 * Training loop of the JS memory workers: `steps` steps, a sample (`probe()`) before the first
 * step, after the first, after every `every`-th and after the last. `step(batch)` returns the loss.
 */
export async function sampleTraining(step, batches, { steps, every }, probe) {
  const samples = [{ step: 0, ...probe() }];
  const losses = [];
  const started = performance.now();
  for (let s = 0; s < steps; s++) {
    losses.push(Number(await step(batches[s % batches.length])));
    const done = s + 1;
    if (done === 1 || done % every === 0 || done === steps) {
      samples.push({ step: done, seconds: (performance.now() - started) / 1000, ...probe() });
      if (done % (every * 10) === 0) process.stderr.write(`memory: step ${done}\n`);
    }
  }
  return { samples, lossFirst: losses[0], lossLast: losses.at(-1) };
}

// ---------- in the suite ----------

/** Least-squares slope of y against x. */
function slope(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Growth after warm-up (the first 10% of the steps, at least 3): the samples from then on split
 * into quarters, and RSS compares the mean of the last quarter with the first's ("flat" within 2%
 * or 2 MB: GC timing moves single samples by a few MB). Where it rose, a line fitted to the last
 * half tells an allocator that settled early ("settled": the last half rises by less than the
 * threshold) from growth that goes on. Live tensors and their bytes must be the same in every
 * sample (exact).
 */
export function growth(samples, steps) {
  const warmup = Math.max(3, Math.ceil(steps / 10));
  const after = samples.filter((s) => s.step >= warmup);
  if (after.length < 4) return { warmup, samples: after.length, rssVerdict: "too few samples" };
  const quarter = Math.max(1, Math.floor(after.length / 4));
  const first = after.slice(0, quarter);
  const last = after.slice(-quarter);
  const rssFirst = mean(first.map((s) => s.rss));
  const rssLast = mean(last.map((s) => s.rss));
  const growthBytes = rssLast - rssFirst;
  const threshold = Math.max(2 * MB, 0.02 * rssFirst);
  const line = (part) =>
    slope(
      part.map((s) => s.step),
      part.map((s) => s.rss),
    );
  const lastHalf = after.slice(Math.floor(after.length / 2));
  const lastHalfRise = line(lastHalf) * (lastHalf.at(-1).step - lastHalf[0].step);
  const result = {
    warmup,
    samples: after.length,
    stepsFirst: [first[0].step, first.at(-1).step],
    stepsLast: [last[0].step, last.at(-1).step],
    rssFirstMB: rssFirst / MB,
    rssLastMB: rssLast / MB,
    rssGrowthMB: growthBytes / MB,
    rssGrowthPercent: (100 * growthBytes) / rssFirst,
    rssSlopeMBPer1000Steps: (line(after) * 1000) / MB,
    rssLastHalfRiseMB: lastHalfRise / MB,
    peakFirstQuarterMB: first.at(-1).hwm / MB,
    peakEndMB: last.at(-1).hwm / MB,
    rssVerdict:
      growthBytes <= threshold
        ? "flat"
        : lastHalfRise <= threshold
          ? "settled (rose early, flat over the last half)"
          : "GROWS",
  };
  if (after[0].tensors !== undefined) {
    const counts = new Set(after.map((s) => s.tensors));
    const bytes = new Set(after.map((s) => s.tensorBytes));
    result.tensors = [...counts];
    result.tensorBytes = [...bytes];
    result.tensorVerdict =
      counts.size === 1 && bytes.size === 1
        ? "flat (exact)"
        : `GROWS (${Math.min(...counts)}–${Math.max(...counts)} tensors)`;
  }
  return result;
}

function summarise(workloadName, system, config, result) {
  const { cell, hidden } = WORKLOADS[workloadName];
  const bound = memoryBound(cell, hidden);
  const row = { workload: workloadName, cell, hidden, system: system.name, label: system.label };
  if (result.error !== undefined || result.unavailable !== undefined) {
    return { ...row, bound, error: result.error, unavailable: result.unavailable };
  }
  const { baseline, samples } = result;
  const end = samples.at(-1);
  const peak = end.hwm;
  const tensorPeak = samples.reduce((m, s) => Math.max(m, s.tensorPeakBytes ?? 0), 0);
  return {
    ...row,
    steps: config.steps,
    every: config.every,
    bound,
    baselineRss: baseline.rss,
    peakRss: peak,
    peakOverBaseline: peak - baseline.rss,
    ratioOverBaseline: (peak - baseline.rss) / bound.total,
    ratioPeak: peak / bound.total,
    maxSampledRss: Math.max(...samples.map((s) => s.rss)),
    tensorPeakBytes: tensorPeak || undefined,
    tensorsBetweenSteps: end.tensors,
    tensorBytesBetweenSteps: end.tensorBytes,
    wasmBytes: end.wasmBytes,
    growth: growth(samples, config.steps),
    lossFirst: result.lossFirst,
    lossLast: result.lossLast,
    seconds: end.seconds,
    details: result.details,
    samples,
  };
}

const mb = (bytes) => (bytes === undefined ? "—" : (bytes / MB).toFixed(1));

function table(rows) {
  return rows.map((r) => {
    if (r.peakRss === undefined) {
      return {
        workload: r.workload,
        system: r.system,
        "B MB": mb(r.bound.total),
        note: r.unavailable ? `not available (${r.unavailable})` : `FAILED: ${r.error}`,
      };
    }
    const g = r.growth;
    return {
      workload: r.workload,
      system: r.system,
      steps: r.steps,
      "baseline MB": mb(r.baselineRss),
      "peak RSS MB": mb(r.peakRss),
      "peak−base MB": mb(r.peakOverBaseline),
      "B MB": mb(r.bound.total),
      "(peak−base)/B": r.ratioOverBaseline.toFixed(2),
      "peak/B": r.ratioPeak.toFixed(2),
      "tensor peak MB": mb(r.tensorPeakBytes),
      "tensors (MB) between steps":
        r.tensorsBetweenSteps === undefined
          ? "—"
          : `${r.tensorsBetweenSteps} (${mb(r.tensorBytesBetweenSteps)})`,
      "wasm MB": mb(r.wasmBytes),
      "RSS growth":
        g.rssGrowthMB === undefined
          ? g.rssVerdict
          : `${g.rssGrowthMB >= 0 ? "+" : ""}${g.rssGrowthMB.toFixed(1)} MB (${g.rssGrowthPercent.toFixed(1)}%) ${g.rssVerdict}`,
      "tensor growth": g.tensorVerdict ?? "—",
    };
  });
}

/**
 * @param {{ workloads?: string[], systems?: string[], skip?: string[], steps?: number,
 *   every?: number, verbose?: boolean, log: (line: string) => void }} options
 */
async function run(options) {
  const { log } = options;
  const workloads = options.workloads ?? DEFAULT_WORKLOADS;
  for (const w of workloads) {
    if (!(w in WORKLOADS)) throw new Error(`unknown workload ${w} (${Object.keys(WORKLOADS)})`);
  }
  const names = options.systems ?? DEFAULT_SYSTEMS;
  for (const name of names) {
    if (!MEMORY_SYSTEMS.includes(name))
      throw new Error(`unknown system ${name} (${MEMORY_SYSTEMS})`);
  }
  const systems = RNN_SYSTEMS.filter(
    (s) => names.includes(s.name) && !(options.skip ?? []).includes(s.name),
  );
  const rows = [];
  const notes = [
    "peak = VmHWM of the worker process; baseline = its RSS after the imports, before the model;",
    "B = parameters + activations kept for BPTT + Adam state (tooling/bench/src/memory.mjs, memoryBound).",
  ];
  for (const workloadName of workloads) {
    const { cell, hidden } = WORKLOADS[workloadName];
    const steps = options.steps ?? defaultSteps(hidden);
    const every = options.every ?? Math.max(1, Math.round(steps / 100));
    for (const system of systems) {
      const config = { kind: "memory", cell, hidden, steps, every, ...system.config };
      log(`memory ${workloadName} ${system.name}: ${steps} steps, a sample every ${every} …`);
      const result = await runWorker(system, config, {
        log,
        verbose: options.verbose,
        // an rnnkit step: ≈ 0.2 s at H = 128, ≈ 2–4 s at H = 512
        timeoutSeconds: 600 + steps * (hidden <= 128 ? 1 : 10),
      });
      const row = summarise(workloadName, system, config, result);
      if (row.unavailable) notes.push(`${system.name}: not available (${row.unavailable})`);
      else if (row.error) log(`  ${system.name} failed: ${row.error}`);
      else {
        log(
          `  peak ${mb(row.peakRss)} MB (baseline ${mb(row.baselineRss)}), B ${mb(row.bound.total)} MB, ${row.growth.rssVerdict}`,
        );
      }
      rows.push(row);
    }
  }
  for (const workloadName of workloads) {
    const { cell, hidden } = WORKLOADS[workloadName];
    const b = memoryBound(cell, hidden);
    notes.push(
      `${workloadName}: B = ${mb(b.total)} MB = parameters ${mb(b.parameters)} + activations ${mb(b.activations)} + Adam ${mb(b.optimizer)}`,
    );
  }
  return {
    rows,
    notes,
    tables: [{ title: "memory of the training step (MB = 2^20 bytes)", rows: table(rows) }],
  };
}

export const memorySuite = { name: "memory", run };
