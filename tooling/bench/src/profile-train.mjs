// One char-RNN training step of docs/perf-anchors.md on rnnkit's CPU backend (built packages), in a
// loop, for profiling: LSTM/GRU (H units) + Dense H → V, one-hot input, cross-entropy, Adam.
//   node --cpu-prof --cpu-prof-dir=prof tooling/bench/src/profile-train.mjs [--cell lstm] [--hidden 128] [--steps 10]
//   node tooling/bench/src/profile-summary.mjs prof/<file>.cpuprofile
// Prints ms per step (median of the timed steps) and chars/s = B·T / median.
import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { oneHot, Rng, setBackend, tensor, tidy, variableGrads } from "@rnnkit/core-tensor";
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
for (let s = 0; s < warmup + steps; s++) {
  const batch = batches[s % batches.length];
  const start = performance.now();
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
  if (s >= warmup) times.push(ms);
  process.stderr.write(`step ${s}: ${ms.toFixed(1)} ms, loss ${loss.toFixed(4)}\n`);
}
const ms = median(times);
console.log(
  JSON.stringify({
    cell: cellKind,
    hidden,
    msPerStep: Number(ms.toFixed(1)),
    charsPerSecond: Math.round((BATCH * STEPS) / (ms / 1000)),
  }),
);
