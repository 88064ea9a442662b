// One char-RNN training step of docs/perf-anchors.md on rnnkit's CPU backend (built packages), in a
// loop, for profiling: LSTM/GRU (H units) + Dense H → V, one-hot input, cross-entropy, Adam.
//   node --cpu-prof --cpu-prof-dir=prof tooling/bench/src/profile-train.mjs [--cell lstm] [--hidden 128] [--steps 10]
//   node tooling/bench/src/profile-summary.mjs prof/<file>.cpuprofile
//   node tooling/bench/src/profile-train.mjs --kernels   (adds time per kernel and input shapes)
// Prints ms per step (median of the timed steps, wall clock and this process's CPU time: on a
// shared machine the CPU time is the steadier one) and chars/s = B·T / median.
import { cpuKernelConfigs, registerCpuBackend } from "@rnnkit/backend-cpu";
import {
  oneHot,
  Rng,
  registerKernel,
  setBackend,
  tensor,
  tidy,
  variableGrads,
} from "@rnnkit/core-tensor";
import { Dense, GRU, LSTM } from "@rnnkit/layers-recurrent";
import { crossEntropy } from "@rnnkit/losses";
import { Adam } from "@rnnkit/optim";
import { median } from "./harness.mjs";
import { BATCH, LEARNING_RATE, makeBatches, STEPS, VOCABULARY } from "./rnn-workload.mjs";

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const cellKind = option("cell", "lstm");
const hidden = Number(option("hidden", "128"));
const steps = Number(option("steps", "10"));
const warmup = Number(option("warmup", "3"));

registerCpuBackend();
setBackend("cpu");
const kernelTimes = process.argv.includes("--kernels") ? timeKernels() : undefined;

/** Re-registers every CPU kernel wrapped in a timer; returns the totals per (kernel, input shapes). */
function timeKernels() {
  const totals = new Map();
  for (const config of cpuKernelConfigs) {
    const { kernelFunc } = config;
    registerKernel({
      ...config,
      kernelFunc: (args) => {
        const start = performance.now();
        const result = kernelFunc(args);
        const ms = performance.now() - start;
        const shapes = Object.values(args.inputs).map((t) => `[${t.shape}]`);
        const key = `${config.kernelName} ${shapes.length > 4 ? `${shapes.length} × ${shapes[0]}` : shapes.join("×")}`;
        const entry = totals.get(key) ?? { calls: 0, ms: 0 };
        entry.calls++;
        entry.ms += ms;
        totals.set(key, entry);
        return result;
      },
    });
  }
  return totals;
}
const rng = new Rng(1);
const Layer = cellKind === "gru" ? GRU : LSTM;
const rnn = new Layer({ inputSize: VOCABULARY, hiddenSize: hidden, rng });
const head = new Dense({ inputSize: hidden, outputSize: VOCABULARY, rng });
const params = [...rnn.parameters(), ...head.parameters()];
const optimizer = new Adam(params, { learningRate: LEARNING_RATE });
const batches = makeBatches(4, 1).map(({ inputs, targets }) => ({
  x: oneHot(tensor(inputs, [BATCH, STEPS], "int32"), VOCABULARY),
  y: tensor(targets, [BATCH, STEPS], "int32"),
}));

const times = [];
const cpuTimes = [];
for (let s = 0; s < warmup + steps; s++) {
  const batch = batches[s % batches.length];
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const loss = tidy(() => {
    const { value, grads } = variableGrads(
      () => crossEntropy(head.forward(rnn.forward(batch.x).output), batch.y),
      params,
    );
    const result = value.dataSync()[0];
    optimizer.step(grads);
    return result;
  });
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  if (s >= warmup) {
    times.push(ms);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  process.stderr.write(`step ${s}: ${ms.toFixed(1)} ms, loss ${loss.toFixed(4)}\n`);
}
if (kernelTimes !== undefined) {
  // per training step: the totals cover warm-up and timed steps alike
  const steps = warmup + times.length;
  let total = 0;
  for (const { ms } of kernelTimes.values()) total += ms;
  console.error(`kernels: ${(total / steps).toFixed(1)} ms per step in all; the largest:`);
  for (const [key, { calls, ms }] of [...kernelTimes]
    .sort((x, y) => y[1].ms - x[1].ms)
    .slice(0, 20)) {
    console.error(
      `${(ms / steps).toFixed(2).padStart(8)} ms ${String(calls / steps).padStart(5)} calls  ${key}`,
    );
  }
}
const ms = median(times);
const cpuMs = median(cpuTimes);
console.log(
  JSON.stringify({
    cell: cellKind,
    hidden,
    msPerStep: Number(ms.toFixed(1)),
    charsPerSecond: Math.round((BATCH * STEPS) / (ms / 1000)),
    cpuMsPerStep: Number(cpuMs.toFixed(1)),
    charsPerCpuSecond: Math.round((BATCH * STEPS) / (cpuMs / 1000)),
  }),
);
