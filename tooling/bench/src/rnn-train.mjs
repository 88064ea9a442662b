// Training throughput of the char-RNN workload (docs/perf-anchors.md): one full step (forward,
// backward, Adam) on one-hot V = 65, T = 64, B = 32, LSTM/GRU H → dense V, for rnnkit backend-cpu,
// PyTorch CPU, tfjs cpu/wasm and brain.js; chars/s = B·T / median step, and rnnkit ÷ each peer.
import { runRnnSuite } from "./rnn-runner.mjs";

export const rnnTrainSuite = { name: "rnn-train", run: (options) => runRnnSuite("train", options) };
