// The char-RNN workload of docs/perf-anchors.md, shared by every system's worker and by the
// suites: V = 65 one-hot input, T = 64, B = 32, one LSTM/GRU layer of H units, a dense H → V at
// every step, softmax cross-entropy at every step, Adam lr 2e-3.
import { mulberry32 } from "./harness.mjs";

export const VOCABULARY = 65;
export const STEPS = 64;
export const BATCH = 32;
export const LEARNING_RATE = 2e-3;

/** The workloads by name; `slow` peers skip the H = 512 ones unless asked (see rnn-runner.mjs). */
export const WORKLOADS = {
  lstm128: { cell: "lstm", hidden: 128 },
  gru128: { cell: "gru", hidden: 128 },
  lstm512: { cell: "lstm", hidden: 512 },
  gru512: { cell: "gru", hidden: 512 },
};
export const DEFAULT_WORKLOADS = ["lstm128", "gru128", "lstm512"];

/** Gate blocks g: 4 for an LSTM (i, f, g, o), 3 for a GRU (r, z, n). */
export function gateCount(cell) {
  return cell === "gru" ? 3 : 4;
}

/**
 * FLOPs of one training step ≈ 3 · T · (2B(V+H)·gH + 2BHV): forward (input and recurrent gate
 * products, then the dense layer) and backward ≈ 2 × forward.
 */
export function trainStepFlops(cell, hidden) {
  const g = gateCount(cell);
  const forwardPerStep =
    2 * BATCH * (VOCABULARY + hidden) * g * hidden + 2 * BATCH * hidden * VOCABULARY;
  return 3 * STEPS * forwardPerStep;
}

/**
 * `count` fixed batches of seeded random characters, cycled by the training loop. Each sequence
 * draws T + 1 characters: inputs are the first T, targets the next character at every step
 * (teacher forcing). Both are row-major [B, T] Int32Arrays.
 */
export function makeBatches(count = 4, seed = 1) {
  const batches = [];
  for (let k = 0; k < count; k++) {
    const next = mulberry32(seed * 7919 + k);
    const inputs = new Int32Array(BATCH * STEPS);
    const targets = new Int32Array(BATCH * STEPS);
    for (let b = 0; b < BATCH; b++) {
      let previous = Math.floor(next() * VOCABULARY);
      for (let t = 0; t < STEPS; t++) {
        const following = Math.floor(next() * VOCABULARY);
        inputs[b * STEPS + t] = previous;
        targets[b * STEPS + t] = following;
        previous = following;
      }
    }
    batches.push({ inputs, targets });
  }
  return batches;
}

/** Samples a class from logits on the host: p = softmax(logits), then one uniform draw. */
export function sampleFromLogits(logits, next) {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  const p = new Float64Array(logits.length);
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    p[i] = Math.exp(logits[i] - max); // e^(z_i − max z), normalised below
    total += p[i];
  }
  let u = next() * total;
  for (let i = 0; i < p.length; i++) {
    u -= p[i];
    if (u <= 0) return i;
  }
  return p.length - 1;
}

/** Reads the JSON configuration a worker gets as its only argument. */
export function workerConfig() {
  return JSON.parse(process.argv[2] ?? "{}");
}

/** A worker's result: one JSON line on stdout (progress goes to stderr). */
export function emitResult(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Progress line on stderr (the runner shows it with --verbose). */
export function progress(line) {
  process.stderr.write(`${line}\n`);
}

/**
 * Training loop shared by the JS workers: `warmup` untimed steps, then `steps` timed ones (fewer
 * if `maxSeconds` of timed steps pass first, but at least 3). `step(batch)` returns the loss.
 */
export async function timeTraining(step, batches, { warmup, steps, maxSeconds }) {
  const times = [];
  const losses = [];
  let total = 0;
  for (let s = 0; times.length < steps && (times.length < 3 || total < maxSeconds); s++) {
    const start = performance.now();
    const loss = await step(batches[s % batches.length]);
    const seconds = (performance.now() - start) / 1000;
    losses.push(loss);
    if (s >= warmup) {
      times.push(seconds);
      total += seconds;
    }
    progress(`step ${s} ${seconds.toFixed(3)} s loss ${Number(loss).toFixed(4)}`);
  }
  return { times, losses };
}

/**
 * Generation loop shared by the JS workers: `reset()` starts from a zero state, `next(c)` feeds
 * character c and returns the logits of the next one (on the host). `warmup` characters, then
 * up to `reps` runs of `steps` timed characters (no new run once `maxSeconds` have passed);
 * returns chars/s of each run.
 */
export function timeGeneration(reset, next, { warmup, steps, reps, maxSeconds, seed = 7 }) {
  const random = mulberry32(seed);
  const run = (count) => {
    reset();
    let c = 0;
    for (let i = 0; i < count; i++) c = sampleFromLogits(next(c), random);
  };
  run(warmup);
  const rates = [];
  let total = 0;
  for (let r = 0; r < reps && (r === 0 || total < maxSeconds); r++) {
    const start = performance.now();
    run(steps);
    const seconds = (performance.now() - start) / 1000;
    total += seconds;
    rates.push(steps / seconds);
    progress(`generate rep ${r}: ${(steps / seconds).toFixed(1)} chars/s`);
  }
  return rates;
}
