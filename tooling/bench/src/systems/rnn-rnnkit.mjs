// Worker: the char-RNN workload on rnnkit's CPU backend (built packages, as a user gets them).
//   node rnn-rnnkit.mjs '{"kind":"train"|"generate"|"memory","cell":"lstm","hidden":128,"input":"one-hot"|"index",...}'
// Prints one JSON line with the result on stdout. "memory" trains `steps` steps and samples the
// process's memory every `every` steps (memory.mjs).
//
// input "one-hot": the workload as written: x = oneHot(chars) [B, T, V] into GRU/LSTM.forward.
// input "index": the same model fed int32 character indices [B, T] instead (`rnn.forward(indices)`,
//   generation: `stepper.step(c)`). Every gate's input part for character c is row c of the layer's
//   input table W_ih·e_c + b: one-hot(c)·W_ihᵀ without the product.
import { registerCpuBackend } from "@rnnkit/backend-cpu";
import {
  getBackend,
  memory,
  oneHot,
  Rng,
  setBackend,
  tensor,
  tidy,
  variableGrads,
} from "@rnnkit/core-tensor";
import { Dense, GRU, LSTM } from "@rnnkit/layers-recurrent";
import { crossEntropy } from "@rnnkit/losses";
import { Adam } from "@rnnkit/optim";
import { processMemory, recordWasmMemories, sampleTraining, trackTensorBytes } from "../memory.mjs";
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
const { cell: cellKind, hidden } = config;
// memory: the process before the backend is registered and the model and optimizer exist
const baseline = config.kind === "memory" ? processMemory() : undefined;
const wasmBytes = config.kind === "memory" ? recordWasmMemories() : undefined;
registerCpuBackend();
setBackend("cpu");
// config.backend: "cpu" (default), "tfjs" (@rnnkit/backend-tfjs on tfjs-wasm) or "gpujs" (mode from
// config.mode, default webasm): the same model code, one line to swap.
if (config.backend === "tfjs") {
  const { registerTfjsBackend } = await import("@rnnkit/backend-tfjs");
  await registerTfjsBackend({ runtime: "wasm" });
  setBackend("tfjs");
} else if (config.backend === "gpujs") {
  const { registerGpujsBackend } = await import("@rnnkit/backend-gpujs");
  registerGpujsBackend({ mode: config.mode ?? "webasm" });
  setBackend("gpujs");
}

const rng = new Rng(config.seed ?? 1);
const Layer = cellKind === "gru" ? GRU : LSTM;
const rnn = new Layer({ inputSize: VOCABULARY, hiddenSize: hidden, rng });
const head = new Dense({ inputSize: hidden, outputSize: VOCABULARY, rng });
const params = [...rnn.parameters(), ...head.parameters()];

/** The optimizer, the batches and one training step (returns the loss). */
function trainingStep() {
  const optimizer = new Adam(params, { learningRate: LEARNING_RATE });
  const batches = makeBatches(4, config.seed ?? 1).map(({ inputs, targets }) => {
    const y = tensor(targets, [BATCH, STEPS], "int32");
    if (config.input === "index") {
      // int32 character indices [B, T]: the layer reads row c of its input table (W_ih·e_c + b)
      return { x: tensor(inputs, [BATCH, STEPS], "int32"), y };
    }
    return { x: oneHot(tensor(inputs, [BATCH, STEPS], "int32"), VOCABULARY), y };
  });
  const logits = (batch) => head.forward(rnn.forward(batch.x).output);
  const step = (batch) =>
    tidy(() => {
      const { value, grads } = variableGrads(() => crossEntropy(logits(batch), batch.y), params);
      const loss = value.dataSync()[0];
      optimizer.step(grads);
      return loss;
    });
  return { step, batches };
}

async function train() {
  const { step, batches } = trainingStep();
  const { times, losses } = await timeTraining(step, batches, config);
  return { times, losses, tensorsAfter: memory().numTensors };
}

/** `steps` training steps; between steps: process memory, live tensors and their bytes. */
async function trainMemory() {
  const backend = getBackend();
  const tracker = trackTensorBytes(backend);
  const { step, batches } = trainingStep();
  const probe = () => ({
    ...processMemory(),
    tensors: memory().numTensors,
    tensorBytes: backend.memory().numBytes,
    tensorPeakBytes: tracker?.takePeak(),
    wasmBytes: wasmBytes(),
  });
  const result = await sampleTraining(step, batches, config, probe);
  return { baseline, ...result };
}

// Generation goes through the public step API users sample with: `rnn.createStepper()` runs one
// time step of every layer per call with the state kept inside. Index input: `step(c)` reads row c
// of the input table (W_ih·e_c + b); one-hot input: `step(oneHot(c) [1, V])`, a [1, V] × [V, gH]
// product per character.
function generate() {
  const stepper = rnn.createStepper();
  const reset = () => stepper.reset();
  const input =
    config.input === "index" ? (c) => c : (c) => oneHot(tensor([c], [1], "int32"), VOCABULARY); // [1, V], freed by the tidy below
  const next = (c) => {
    const logits = tidy(() => head.forward(stepper.step(input(c))));
    const values = logits.dataSync();
    logits.dispose();
    return values;
  };
  rnn.eval();
  const rates = timeGeneration(reset, next, config);
  stepper.dispose();
  return { rates, tensorsAfter: memory().numTensors };
}

const result =
  config.kind === "generate"
    ? generate()
    : config.kind === "memory"
      ? await trainMemory()
      : await train();
emitResult({ ...result, input: config.input ?? "one-hot" });
process.exit(0);
