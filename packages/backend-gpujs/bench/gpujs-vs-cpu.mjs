// backend-gpujs vs backend-cpu, in one run on one machine: a square matmul and the char-RNN
// training step of shared/docs/perf-anchors.md (one-hot V=65, T=64, B=32, LSTM H=128, Dense H→V,
// softmax cross-entropy at every step, Adam 2e-3), for each gpu.js mode that can run here.
// Usage (after `pnpm build`): node packages/backend-gpujs/bench/gpujs-vs-cpu.mjs
//   [--modes=webasm,webgpu,cpu] [--sizes=256,512] [--V=65 --T=64 --B=32 --H=128]
//   [--warmup=1] [--steps=3] [--json=out.json]
// Prints one line per measurement and the ratio to backend-cpu (>1: gpujs is faster).
import { writeFileSync } from "node:fs";
import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { registerGpujsBackend } from "@rnnkit/backend-gpujs";
import {
  dispose,
  matMul,
  memory,
  oneHot,
  Rng,
  randomUniform,
  setBackend,
  tensor,
  tidy,
  variableGrads,
} from "@rnnkit/core-tensor";
import { Dense, LSTM } from "@rnnkit/layers-recurrent";
import { crossEntropy } from "@rnnkit/losses";
import { Adam } from "@rnnkit/optim";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k, v ?? "true"];
  }),
);
const modes = (args.modes ?? "webasm,webgpu,cpu").split(",");
const sizes = (args.sizes ?? "256,512").split(",").map(Number);
const V = Number(args.V ?? 65);
const T = Number(args.T ?? 64);
const B = Number(args.B ?? 32);
const H = Number(args.H ?? 128);
const warmup = Number(args.warmup ?? 1);
const steps = Number(args.steps ?? 3);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** ms per N×N×N product with the operands on the backend, 4 products then one readback. */
function benchMatMul(n) {
  const rng = new Rng(1);
  const a = randomUniform([n, n], -1, 1, { rng });
  const b = randomUniform([n, n], -1, 1, { rng });
  tidy(() => matMul(a, b).dataSync()); // compile
  const times = [];
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    tidy(() => {
      let c;
      for (let i = 0; i < 4; i++) c = matMul(a, b);
      c.dataSync();
    });
    times.push((performance.now() - t0) / 4);
  }
  dispose([a, b]);
  const ms = median(times);
  return { ms, gflops: (2 * n ** 3) / (ms * 1e6) };
}

/** ms per full training step (forward, backward, Adam) of the perf-anchors char-RNN. */
function benchTraining() {
  const rng = new Rng(7);
  const lstm = new LSTM({ inputSize: V, hiddenSize: H, rng });
  const dense = new Dense({ inputSize: H, outputSize: V, rng });
  const params = [...lstm.parameters(), ...dense.parameters()];
  const optimizer = new Adam(params, { learningRate: 2e-3 });
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
  let loss = Number.NaN;
  for (let step = 0; step < warmup + steps; step++) {
    const t0 = performance.now();
    tidy(() => {
      const { value, grads } = variableGrads(
        () => crossEntropy(dense.forward(lstm.forward(oneHot(inputs, V)).output), targets),
        params,
      );
      optimizer.step(grads);
      loss = value.dataSync()[0];
    });
    if (step >= warmup) times.push(performance.now() - t0);
  }
  optimizer.dispose();
  dispose([params, inputs, targets]);
  const ms = median(times);
  return { ms, charsPerSecond: (B * T) / (ms / 1000), loss };
}

function run(label) {
  const result = { backend: label, matmul: {}, training: undefined };
  for (const n of sizes) {
    result.matmul[n] = benchMatMul(n);
    const { ms, gflops } = result.matmul[n];
    console.log(
      `${label.padEnd(14)} matmul ${n}³: ${ms.toFixed(2)} ms, ${gflops.toFixed(3)} GFLOP/s`,
    );
  }
  result.training = benchTraining();
  const { ms, charsPerSecond, loss } = result.training;
  console.log(
    `${label.padEnd(14)} LSTM step V=${V} T=${T} B=${B} H=${H}: ${ms.toFixed(1)} ms, ${charsPerSecond.toFixed(0)} chars/s (loss ${loss.toFixed(4)})`,
  );
  return result;
}

console.log(`node ${process.version}; ${warmup} warm-up + ${steps} timed training steps (median)`);
registerCpuBackend();
setBackend("cpu");
const cpu = run("cpu");
const results = [cpu];
for (const mode of modes) {
  let backend;
  try {
    backend = registerGpujsBackend({ mode });
  } catch (error) {
    console.log(`gpujs/${mode}: not available here (${error.message.split("\n")[0]})`);
    continue;
  }
  setBackend("gpujs");
  const label = `gpujs/${backend.mode}`;
  if (backend.adapter) console.log(`${label}: adapter ${backend.adapter}`);
  const r = run(label);
  results.push({ ...r, adapter: backend.adapter });
  for (const n of sizes) {
    console.log(
      `${label.padEnd(14)} matmul ${n}³ speed vs cpu: ${(cpu.matmul[n].ms / r.matmul[n].ms).toFixed(3)}×`,
    );
  }
  console.log(
    `${label.padEnd(14)} LSTM step speed vs cpu: ${(cpu.training.ms / r.training.ms).toFixed(3)}×`,
  );
  setBackend("cpu");
}
if (memory().numTensors !== 0) console.log(`warning: ${memory().numTensors} tensors still alive`);
if (args.json) writeFileSync(args.json, `${JSON.stringify(results, null, 2)}\n`);
process.exit(0);
