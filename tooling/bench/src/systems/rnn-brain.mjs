// Worker: the closest brain.js 2.0.0-beta.24 equivalent of the char-RNN workload.
//   node rnn-brain.mjs '{"kind":"train"|"generate","cell":"lstm","hidden":128,...}'
// Not the same algorithm: brain.recurrent.LSTM/GRU has no batches and no Adam. One "step" here is
// net.train(32 strings of 64 characters, { iterations: 1 }): 32 sequential per-string updates
// (its own RMSProp-like rule, learningRate 2e-3), each string a start token + 64 characters, the
// input a learned table row per character (no one-hot product). Generation follows net.run():
// equations[i].runIndex(previous) per character, sampled on the host.
import brain from "brain.js";
import {
  BATCH,
  emitResult,
  LEARNING_RATE,
  makeBatches,
  STEPS,
  timeGeneration,
  timeTraining,
  VOCABULARY,
  workerConfig,
} from "../rnn-workload.mjs";

const config = workerConfig();
// 65 symbols (the tiny-shakespeare character set) so the vocabulary is V.
const SYMBOLS = "\n !$&',-.3:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".split("");
if (SYMBOLS.length !== VOCABULARY) throw new Error(`alphabet has ${SYMBOLS.length} symbols`);

const Net = config.cell === "gru" ? brain.recurrent.GRU : brain.recurrent.LSTM;
const net = new Net({
  hiddenLayers: [config.hidden],
  maxPredictionLength: config.steps ?? 500,
  dataFormatter: new brain.utilities.DataFormatter(SYMBOLS),
});

function strings({ inputs }) {
  const out = [];
  for (let b = 0; b < BATCH; b++) {
    let s = "";
    for (let t = 0; t < STEPS; t++) s += SYMBOLS[inputs[b * STEPS + t]];
    out.push(s);
  }
  return out;
}

async function train() {
  const batches = makeBatches(4, config.seed ?? 1).map(strings);
  const options = { iterations: 1, learningRate: LEARNING_RATE, errorThresh: 0, log: false };
  const { times, losses } = await timeTraining(
    (batch) => net.train(batch, options).error,
    batches,
    config,
  );
  return { times, losses };
}

function generate() {
  net.initialize();
  const { model } = net;
  const total = Math.max(config.warmup, config.steps);
  while (model.equations.length < total) net.bindEquation(); // what net.run() does lazily
  let i = 0;
  const next = (c) => model.equations[i++].runIndex(c).weights;
  const rates = timeGeneration(
    () => {
      i = 0;
    },
    next,
    config,
  );
  return { rates, inputSize: net.options.inputSize, outputSize: net.options.outputSize };
}

const result = config.kind === "generate" ? generate() : await train();
emitResult({ ...result, brainjs: "2.0.0-beta.24" });
process.exit(0);
