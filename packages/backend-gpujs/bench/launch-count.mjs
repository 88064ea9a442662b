// Kernel launches, device-side gathers and wall time per char-RNN training step (the perf-anchors
// workload of gpujs-vs-cpu.mjs: one-hot V, LSTM H, Dense H→V, softmax CE, Adam) on backend-gpujs.
// Usage (after `pnpm build`): node packages/backend-gpujs/bench/launch-count.mjs
//   [--mode=webgpu] [--V=65 --T=64 --B=32 --H=128] [--steps=2]
import { registerGpujsBackend } from "@rnnkit/backend-gpujs";
import { dispose, oneHot, Rng, setBackend, tensor, tidy, variableGrads } from "@rnnkit/core-tensor";
import { Dense, LSTM } from "@rnnkit/layers-recurrent";
import { crossEntropy } from "@rnnkit/losses";
import { Adam } from "@rnnkit/optim";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k, v ?? "true"];
  }),
);
const mode = args.mode ?? "webgpu";
const V = Number(args.V ?? 65);
const T = Number(args.T ?? 64);
const B = Number(args.B ?? 32);
const H = Number(args.H ?? 128);
const steps = Number(args.steps ?? 2);

const backend = registerGpujsBackend({ mode });
setBackend("gpujs");
// count on the device itself, so the numbers hold for builds without launchCounts()
const device = backend.device;
const counts = { run: 0, gather: 0, upload: 0 };
for (const name of Object.keys(counts)) {
  const original = device[name]?.bind(device);
  if (original === undefined) continue;
  device[name] = (...a) => {
    counts[name]++;
    return original(...a);
  };
}
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
for (let step = 0; step < 1 + steps; step++) {
  for (const k of Object.keys(counts)) counts[k] = 0;
  const t0 = performance.now();
  let loss = Number.NaN;
  tidy(() => {
    const { value, grads } = variableGrads(
      () => crossEntropy(dense.forward(lstm.forward(oneHot(inputs, V)).output), targets),
      params,
    );
    optimizer.step(grads);
    loss = value.dataSync()[0];
  });
  const ms = performance.now() - t0;
  console.log(
    `gpujs/${backend.mode} V=${V} T=${T} B=${B} H=${H} step ${step}${step === 0 ? " (warm-up)" : ""}: ` +
      `${ms.toFixed(1)} ms, launches ${counts.run}, uploads ${counts.upload}, gathers ${counts.gather}, loss ${loss.toFixed(5)}`,
  );
}
optimizer.dispose();
dispose([params, inputs, targets]);
process.exit(0);
