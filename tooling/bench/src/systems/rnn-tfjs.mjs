// Worker: the char-RNN workload on @tensorflow/tfjs 4.22.0 layers, backend `cpu` or `wasm`.
//   node rnn-tfjs.mjs '{"kind":"train"|"generate","backend":"wasm","cell":"lstm","hidden":128,...}'
// Training: tf.layers.lstm|gru (returnSequences) + timeDistributed(dense V), model.trainOnBatch
// with Adam 2e-3 and softmax cross-entropy on the logits. Generation: a stateful copy of the
// model at batch 1, one predict() per character.
// recurrentActivation "sigmoid" (tfjs's default is hardSigmoid) as in PyTorch and rnnkit;
// recurrentInitializer glorotUniform instead of orthogonal (tfjs's QR on the cpu backend takes
// minutes at H = 512: setup time only). tfjs's GRU is the reset-before form (resetAfter false).
import { quietly } from "../harness.mjs";
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
import { loadTfjs } from "./tfjs.mjs";

const config = workerConfig();
const tf = await quietly(loadTfjs);
await quietly(async () => {
  if (!(await tf.setBackend(config.backend))) throw new Error(`tfjs backend ${config.backend}`);
  await tf.ready();
});

function recurrent(extra) {
  const options = {
    units: config.hidden,
    returnSequences: true,
    recurrentActivation: "sigmoid",
    recurrentInitializer: "glorotUniform",
    ...extra,
  };
  return config.cell === "gru" ? tf.layers.gru(options) : tf.layers.lstm(options);
}

function buildModel(first) {
  const model = tf.sequential();
  model.add(recurrent(first));
  model.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: VOCABULARY }) }));
  return model;
}

const model = buildModel({ inputShape: [STEPS, VOCABULARY] });

async function train() {
  model.compile({
    optimizer: tf.train.adam(LEARNING_RATE),
    loss: (yTrue, yPred) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
  });
  const batches = makeBatches(4, config.seed ?? 1).map(({ inputs, targets }) => ({
    x: tf.oneHot(tf.tensor2d(inputs, [BATCH, STEPS], "int32"), VOCABULARY).toFloat(),
    y: tf.oneHot(tf.tensor2d(targets, [BATCH, STEPS], "int32"), VOCABULARY).toFloat(),
  }));
  // trainOnBatch resolves to the loss as a number, so each step ends with a read back
  const { times, losses } = await timeTraining(
    ({ x, y }) => model.trainOnBatch(x, y),
    batches,
    config,
  );
  return { times, losses, tensorsAfter: tf.memory().numTensors };
}

function generate() {
  const stateful = buildModel({ stateful: true, batchInputShape: [1, 1, VOCABULARY] });
  stateful.setWeights(model.getWeights());
  const next = (c) => {
    const logits = tf.tidy(() =>
      stateful.predict(tf.oneHot(tf.tensor2d([c], [1, 1], "int32"), VOCABULARY).toFloat()),
    );
    const values = logits.dataSync();
    logits.dispose();
    return values;
  };
  const rates = timeGeneration(() => stateful.resetStates(), next, config);
  return { rates, tensorsAfter: tf.memory().numTensors };
}

const wasm =
  config.backend === "wasm"
    ? {
        simd: await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"),
        multithread: await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT"),
      }
    : undefined;
const result = config.kind === "generate" ? generate() : await train();
emitResult({ ...result, tfjs: tf.version.tfjs, wasm });
process.exit(0);
