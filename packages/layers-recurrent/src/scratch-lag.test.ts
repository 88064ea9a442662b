import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { argMax, mul, dispose, Rng, type Tensor, tensor, tidy, variableGrads } from "@rnnkit/core-tensor";
import { crossEntropy } from "@rnnkit/losses";
import { Adam, clipGradNorm } from "@rnnkit/optim";
import { it } from "vitest";
import { LSTMCell } from "./cells/lstm-cell.js";
import type { RecurrentCell } from "./cells/recurrent-cell.js";
import { SimpleRNNCell } from "./cells/simple-rnn-cell.js";
import { Dense } from "./dense.js";
import { RNN } from "./rnn.js";

registerCpuBackend();
interface Batch { x: Tensor; y: Tensor }

function run(cell: RecurrentCell, makeBatch: (rng: Rng, size: number) => Batch, steps: number, seed: number, lr: number, clip: number, B: number) {
  const rng = new Rng(seed);
  const rnn = new RNN(cell, { returnSequences: false });
  const head = new Dense({ inputSize: cell.hiddenSize, outputSize: 4, rng });
  const params = [...rnn.parameters(), ...head.parameters()];
  const opt = new Adam(params, { learningRate: lr });
  const losses: number[] = [];
  const t0 = Date.now();
  for (let s = 0; s < steps; s++) {
    tidy(() => {
      const { x, y } = makeBatch(rng, B);
      const { value, grads } = variableGrads(() => crossEntropy(head.forward(rnn.forward(x).output), y), params);
      losses.push(value.dataSync()[0] as number);
      if (clip > 0) {
        const m = grads as Map<unknown, Tensor>;
        const seen = new Set<Tensor>();
        for (const [k, g] of m) { if (seen.has(g)) m.set(k, mul(g, 1)); seen.add(g); }
        clipGradNorm(m, clip);
      }
      opt.step(grads);
    });
  }
  const ms = Date.now() - t0;
  const acc = tidy(() => {
    const { x, y } = makeBatch(new Rng(seed + 1000), 256);
    const p = argMax(head.forward(rnn.forward(x).output), -1).dataSync();
    const t = y.dataSync();
    let c = 0;
    t.forEach((v, i) => { if (p[i] === v) c++; });
    return c / t.length;
  });
  dispose(params);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const curve = [];
  for (let k = 0; k < steps; k += Math.max(1, Math.floor(steps / 8))) curve.push(mean(losses.slice(k, k + 20)).toFixed(2));
  return { acc, first: mean(losses.slice(0, 10)), last: mean(losses.slice(-20)), ms, curve: curve.join(" ") };
}

// variant "sep": symbol dims 0..3 at t=0, distractor one-hot dims 4..7 afterwards
// variant "same": marker dim 4 at t=0 + symbol in 0..3; afterwards distractor in 0..3
// variant "noise": symbol at t=0, then gaussian noise (std sigma) in all 4 dims (+marker)
function batchFn(variant: string, T: number): [number, (rng: Rng, size: number) => Batch] {
  const F = variant === "sep" ? 8 : 5;
  return [F, (rng, size) => {
    const x = new Float32Array(size * T * F);
    const y = new Int32Array(size);
    for (let b = 0; b < size; b++) {
      const c = rng.nextInt(4);
      y[b] = c;
      for (let t = 0; t < T; t++) {
        const o = (b * T + t) * F;
        if (variant === "sep") x[o + (t === 0 ? c : 4 + rng.nextInt(4))] = 1;
        else if (variant === "same") { if (t === 0) { x[o + c] = 1; x[o + 4] = 1; } else x[o + rng.nextInt(4)] = 1; }
        else { if (t === 0) { x[o + c] = 1; x[o + 4] = 1; } else for (let k = 0; k < 4; k++) x[o + k] = 0.5 * rng.nextNormal(); }
      }
    }
    return { x: tensor(x, [size, T, F]), y: tensor(y, [size], "int32") };
  }];
}

it("scratch", () => {
  const cfgs = JSON.parse(process.env.CFG ?? "[]");
  for (const c of cfgs) {
    const [F, mk] = batchFn(c.variant, c.T);
    const cell = c.model === "lstm"
      ? new LSTMCell({ inputSize: F, hiddenSize: c.H, forgetBias: c.fb, rng: new Rng(c.cellSeed ?? 1) })
      : new SimpleRNNCell({ inputSize: F, hiddenSize: c.H, rng: new Rng(c.cellSeed ?? 1) });
    const r = run(cell, mk, c.steps, c.seed, c.lr, c.clip ?? 0, c.B ?? 32);
    console.log(JSON.stringify(c), `acc ${r.acc} loss ${r.first.toFixed(3)}→${r.last.toFixed(3)} ${r.ms}ms | ${r.curve}`);
  }
}, 3600_000);
