// One char-RNN LSTM training step (the workload of perf-anchors.md in the shared reference docs) with rnnkit's layers,
// on backend-tfjs and on backend-cpu in the same process, same weights, same batches.
//   pnpm build && node packages/backend-tfjs/bench/lstm-step.mjs [--hidden 128] [--steps 20]
//     [--warmup 3] [--runtime auto|wasm|cpu] [--cell lstm|gru]
// Workload: V = 65 one-hot input, T = 64, B = 32, one LSTM layer of H units, a dense H → V at every
// step, softmax cross-entropy at every step, Adam lr 2e-3. Reports the median step time over the
// timed steps and chars/s = B·T / median.
import { cpus, loadavg } from "node:os";
import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { describeTfjsRuntime, registerTfjsBackend } from "@rnnkit/backend-tfjs";
import { memory, oneHot, Rng, setBackend, tensor, tidy, variableGrads } from "@rnnkit/core-tensor";
import { Dense, GRU, LSTM } from "@rnnkit/layers-recurrent";
import { crossEntropy } from "@rnnkit/losses";
import { Adam } from "@rnnkit/optim";

const V = 65;
const T = 64;
const B = 32;
const LEARNING_RATE = 2e-3;

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const H = Number(option("hidden", "128"));
const timedSteps = Number(option("steps", "20"));
const warmup = Number(option("warmup", "3"));
const runtime = option("runtime", "auto");
const cellKind = option("cell", "lstm");

/** Seeded [B, T] characters: inputs and next-character targets (teacher forcing). */
function makeBatches(count, seed) {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => {
    const chars = Int32Array.from({ length: B * (T + 1) }, () => rng.nextInt(V));
    const inputs = new Int32Array(B * T);
    const targets = new Int32Array(B * T);
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++) {
        inputs[b * T + t] = chars[b * (T + 1) + t];
        targets[b * T + t] = chars[b * (T + 1) + t + 1];
      }
    }
    return { inputs, targets };
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A fresh model (the same seed on every backend), its optimizer and batches, on `backendName`. */
function trainer(backendName) {
  setBackend(backendName);
  const rng = new Rng(1);
  const Layer = cellKind === "gru" ? GRU : LSTM;
  const rnn = new Layer({ inputSize: V, hiddenSize: H, rng });
  const head = new Dense({ inputSize: H, outputSize: V, rng });
  const params = [...rnn.parameters(), ...head.parameters()];
  const optimizer = new Adam(params, { learningRate: LEARNING_RATE });
  const batches = makeBatches(4, 7).map(({ inputs, targets }) => ({
    x: oneHot(tensor(inputs, [B, T], "int32"), V),
    y: tensor(targets, [B, T], "int32"),
  }));
  const result = { name: backendName, times: [], losses: [], before: 0, leaked: 0 };
  /** One training step, timed; the first `warmup` are not counted. */
  const step = (s) => {
    setBackend(backendName);
    const batch = batches[s % batches.length];
    if (s === warmup) result.before = memory().numTensors; // after the optimizer made its slots
    const start = performance.now();
    const loss = tidy(() => {
      // CE over every step of [B, T, V] logits; the gradient of every parameter; one Adam step
      const { value, grads } = variableGrads(
        () => crossEntropy(head.forward(rnn.forward(batch.x).output), batch.y),
        params,
      );
      optimizer.step(grads);
      return value.dataSync()[0];
    });
    const seconds = (performance.now() - start) / 1000;
    result.losses.push(loss);
    if (s >= warmup) result.times.push(seconds);
    result.leaked = memory().numTensors - result.before; // tensors left behind by the timed steps
  };
  return { result, step };
}

registerCpuBackend();
const info = await registerTfjsBackend({ runtime });
console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}`);
console.log(`backend-tfjs: ${describeTfjsRuntime(info)}`);
console.log(
  `${cellKind.toUpperCase()} H=${H}, V=${V}, T=${T}, B=${B}, Adam ${LEARNING_RATE}: ${warmup} warm-up + ${timedSteps} timed steps each`,
);
const load = loadavg()[0];
// the two backends alternate step by step, so both see the same load from other processes
const trainers = [trainer("cpu"), trainer("tfjs")];
for (let s = 0; s < warmup + timedSteps; s++) for (const t of trainers) t.step(s);
const rows = trainers.map(({ result }) => {
  const step = median(result.times);
  return { ...result, step, charsPerSecond: (B * T) / step };
});
for (const r of rows) {
  console.log(
    `  ${r.name.padEnd(5)} median step ${(r.step * 1000).toFixed(0)} ms  ${r.charsPerSecond.toFixed(0)} chars/s  ` +
      `loss ${r.losses[0].toFixed(4)} → ${r.losses.at(-1).toFixed(4)}  tensors leaked ${r.leaked}`,
  );
}
const [cpu, tfjs] = rows;
console.log(
  `ratio tfjs/cpu: ${(tfjs.charsPerSecond / cpu.charsPerSecond).toFixed(2)} ` +
    `(first-step losses differ by ${Math.abs(tfjs.losses[0] - cpu.losses[0]).toExponential(1)}; ` +
    `1-min load average ${load.toFixed(2)} → ${loadavg()[0].toFixed(2)})`,
);
