// Round trips through @tensorflow/tfjs 4.22 (its pure-JS cpu backend, float32): rnnkit models
// exported and loaded with tf.loadLayersModel from an in-memory IOHandler, and tfjs-built models
// imported into rnnkit, predict the same outputs within 1e-5.
import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { Rng, type Tensor, tensor, tidy } from "@rnnkit/core-tensor";
import {
  Bidirectional,
  Dense,
  Embedding,
  GRU,
  GRUCell,
  LSTM,
  LSTMCell,
  RNN,
  SimpleRNN,
  SimpleRNNCell,
} from "@rnnkit/layers-recurrent";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { exportKerasModel } from "./export/export-keras-model.js";
import { importKerasModel } from "./import/import-keras-model.js";
import type { KerasModelArtifacts } from "./keras-model-artifacts.js";
import { Sequential, type SequentialLayer } from "./sequential.js";

registerCpuBackend();

const B = 3;
const T = 6;
const I = 4;
const TOLERANCE = 1e-5;

beforeAll(async () => {
  tf.env().set("IS_TEST", true); // no "install tfjs-node" banner, as in tfjs's own tests
  await tf.setBackend("cpu");
});

function randomValues(seed: number, count: number): number[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => rng.nextNormal());
}

const xValues = randomValues(1, B * T * I);
const indexValues = Array.from({ length: B * T }, (_, k) => (k * 5 + 2) % 7);

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k]! - b[k]!));
  return worst;
}

/** tf.loadLayersModel from an in-memory IOHandler. */
function loadInTfjs(artifacts: KerasModelArtifacts): Promise<tf.LayersModel> {
  return tf.loadLayersModel({ load: async () => artifacts as unknown as tf.io.ModelArtifacts });
}

/** The tfjs model's artifacts, as `model.save` hands them to an IOHandler. */
async function saveFromTfjs(model: tf.LayersModel): Promise<KerasModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
  );
  return saved as unknown as KerasModelArtifacts;
}

/** Predictions of both sides on the same input, compared. */
function expectSameOutputs(
  rnnkit: Sequential,
  tfModel: tf.LayersModel,
  input: { values: number[]; shape: number[]; indices?: boolean },
): number {
  const tfOut = tf.tidy(() => {
    const x = tf.tensor(input.values, input.shape);
    return (tfModel.predict(x) as tf.Tensor).dataSync().slice();
  });
  return tidy(() => {
    const x = tensor(input.values, input.shape, input.indices ? "int32" : "float32");
    const y: Tensor = rnnkit.forward(x);
    const worst = maxAbsDiff(y.dataSync(), tfOut);
    expect(worst, "max |rnnkit − tfjs|").toBeLessThan(TOLERANCE);
    return worst;
  });
}

const floatInput = { values: xValues, shape: [B, T, I] };
const indexInput = { values: indexValues, shape: [B, T], indices: true };

describe("rnnkit → Keras (tfjs format) → tf.loadLayersModel", () => {
  const models: [string, () => SequentialLayer[], typeof floatInput][] = [
    [
      "Embedding → LSTM (all steps) → Dense softmax",
      () => [
        new Embedding({ numEmbeddings: 7, embeddingDim: I, rng: new Rng(10) }),
        new RNN(new LSTMCell({ inputSize: I, hiddenSize: 5, rng: new Rng(11) })),
        new Dense({ inputSize: 5, outputSize: 7, activation: "softmax", rng: new Rng(12) }),
      ],
      indexInput,
    ],
    [
      "SimpleRNN relu → GRU reset_after=false (last step, go_backwards) → Dense tanh",
      () => [
        new RNN(
          new SimpleRNNCell({
            inputSize: I,
            hiddenSize: 5,
            nonlinearity: "relu",
            rng: new Rng(20),
          }),
        ),
        new RNN(new GRUCell({ inputSize: 5, hiddenSize: 3, resetAfter: false, rng: new Rng(21) }), {
          returnSequences: false,
          goBackwards: true,
        }),
        new Dense({ inputSize: 3, outputSize: 2, activation: "tanh", rng: new Rng(22) }),
      ],
      floatInput,
    ],
    [
      "Bidirectional LSTM (concat) → Bidirectional GRU (sum, last step) → Dense sigmoid, no bias",
      () => [
        new Bidirectional({
          forward: new RNN(new LSTMCell({ inputSize: I, hiddenSize: 5, rng: new Rng(30) })),
          backward: new RNN(new LSTMCell({ inputSize: I, hiddenSize: 5, rng: new Rng(31) }), {
            goBackwards: true,
          }),
        }),
        new Bidirectional({
          forward: new RNN(
            new GRUCell({ inputSize: 10, hiddenSize: 3, resetAfter: false, rng: new Rng(32) }),
            { returnSequences: false },
          ),
          backward: new RNN(
            new GRUCell({ inputSize: 10, hiddenSize: 3, resetAfter: false, rng: new Rng(33) }),
            { returnSequences: false, goBackwards: true },
          ),
          mergeMode: "sum",
        }),
        new Dense({
          inputSize: 3,
          outputSize: 4,
          activation: "sigmoid",
          bias: false,
          rng: new Rng(34),
        }),
      ],
      floatInput,
    ],
    [
      "PyTorch-style stacked bidirectional LSTM (2 layers) → bidirectional SimpleRNN (ave, mul) → Dense",
      () => [
        new LSTM({
          inputSize: I,
          hiddenSize: 5,
          numLayers: 2,
          bidirectional: true,
          rng: new Rng(40),
        }),
        new Bidirectional({
          forward: new RNN(new SimpleRNNCell({ inputSize: 10, hiddenSize: 3, rng: new Rng(41) })),
          backward: new RNN(new SimpleRNNCell({ inputSize: 10, hiddenSize: 3, rng: new Rng(42) }), {
            goBackwards: true,
          }),
          mergeMode: "ave",
        }),
        new Bidirectional({
          forward: new RNN(new SimpleRNNCell({ inputSize: 3, hiddenSize: 3, rng: new Rng(43) })),
          backward: new RNN(new SimpleRNNCell({ inputSize: 3, hiddenSize: 3, rng: new Rng(44) }), {
            goBackwards: true,
          }),
          mergeMode: "mul",
        }),
        new Dense({ inputSize: 3, outputSize: 2, rng: new Rng(45) }),
      ],
      floatInput,
    ],
    [
      "PyTorch-style GRU reset_after=false and SimpleRNN layers without bias",
      () => [
        new GRU({ inputSize: I, hiddenSize: 5, resetAfter: false, rng: new Rng(50) }),
        new SimpleRNN({ inputSize: 5, hiddenSize: 3, bias: false, rng: new Rng(51) }),
      ],
      floatInput,
    ],
  ];

  for (const [name, build, input] of models) {
    it(name, async () => {
      const model = new Sequential(build());
      const artifacts = exportKerasModel(model);
      const tfModel = await loadInTfjs(artifacts);
      expectSameOutputs(model, tfModel, input);
      // and back: the artifacts import into an rnnkit model with the same outputs
      const back = importKerasModel(artifacts);
      expectSameOutputs(back, tfModel, input);
      tfModel.dispose();
      back.dispose();
      model.dispose();
    });
  }

  it("names weights as tfjs does and writes Keras's layer config", () => {
    const model = new Sequential([
      new Bidirectional({
        forward: new RNN(new LSTMCell({ inputSize: I, hiddenSize: 2 })),
        backward: new RNN(new LSTMCell({ inputSize: I, hiddenSize: 2 }), { goBackwards: true }),
      }),
      new RNN(new GRUCell({ inputSize: 4, hiddenSize: 2, resetAfter: false })),
      new Dense({ inputSize: 2, outputSize: 1 }),
    ]);
    const artifacts = exportKerasModel(model, { sequenceLength: T });
    expect(artifacts.weightSpecs.map((w) => `${w.name} [${w.shape.join(",")}]`)).toEqual([
      "bidirectional/forward_lstm/kernel [4,8]",
      "bidirectional/forward_lstm/recurrent_kernel [2,8]",
      "bidirectional/forward_lstm/bias [8]",
      "bidirectional/backward_lstm/kernel [4,8]",
      "bidirectional/backward_lstm/recurrent_kernel [2,8]",
      "bidirectional/backward_lstm/bias [8]",
      "gru/kernel [4,6]",
      "gru/recurrent_kernel [2,6]",
      "gru/bias [6]",
      "dense/kernel [2,1]",
      "dense/bias [1]",
    ]);
    expect(artifacts.weightData.byteLength).toBe(4 * (2 * (32 + 16 + 8) + (24 + 12 + 6) + (2 + 1)));
    const layers = (artifacts.modelTopology as { config: { layers: { config: object }[] } }).config
      .layers;
    expect(layers[0]?.config).toMatchObject({
      batch_input_shape: [null, T, I],
      merge_mode: "concat",
    });
    expect(layers[1]?.config).toMatchObject({
      units: 2,
      recurrent_activation: "sigmoid",
      reset_after: false,
      return_sequences: true,
    });
    model.dispose();
  });
});

describe("a tfjs-built model → rnnkit", () => {
  it("Embedding → LSTM → Bidirectional GRU → SimpleRNN → Dense, random biases", async () => {
    const biasInitializer = "randomNormal" as const;
    const rnn = { recurrentActivation: "sigmoid" as const, biasInitializer };
    const model = tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: 7, outputDim: I, inputShape: [T] }),
        tf.layers.lstm({ units: 5, returnSequences: true, ...rnn }),
        tf.layers.bidirectional({
          layer: tf.layers.gru({ units: 3, returnSequences: true, ...rnn }) as tf.RNN,
          mergeMode: "concat",
        }),
        tf.layers.simpleRNN({ units: 4, activation: "relu", biasInitializer }),
        tf.layers.dense({ units: 3, activation: "softmax", biasInitializer }),
      ],
    });
    const imported = importKerasModel(await saveFromTfjs(model));
    expect(imported.layers.map((l) => l.constructor.name)).toEqual([
      "Embedding",
      "RNN",
      "Bidirectional",
      "RNN",
      "Dense",
    ]);
    expectSameOutputs(imported, model, indexInput);
    // imported in float64 too, for the cpu backend's float64 path
    const imported64 = importKerasModel(await saveFromTfjs(model), { dtype: "float64" });
    const y64 = tidy(() =>
      imported64
        .forward(tensor(indexValues, [B, T], "int32"))
        .dataSync()
        .slice(),
    );
    const yTf = tf.tidy(() =>
      (model.predict(tf.tensor(indexValues, [B, T])) as tf.Tensor).dataSync(),
    );
    expect(maxAbsDiff(y64, yTf)).toBeLessThan(TOLERANCE);
    imported.dispose();
    imported64.dispose();
    model.dispose();
  });

  it("a functional model (tf.model) that is one chain of layers, go_backwards on the last step", async () => {
    const input = tf.input({ shape: [T, I] });
    const h = tf.layers
      .lstm({ units: 5, returnSequences: true, recurrentActivation: "sigmoid" })
      .apply(input) as tf.SymbolicTensor;
    const last = tf.layers
      .gru({ units: 3, goBackwards: true, recurrentActivation: "sigmoid", biasInitializer: "ones" })
      .apply(h) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 2 }).apply(last) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    const artifacts = await saveFromTfjs(model);
    expect((artifacts.modelTopology as { class_name: string }).class_name).toBe("Model");
    const imported = importKerasModel(artifacts);
    expectSameOutputs(imported, model, floatInput);
    imported.dispose();
    model.dispose();
  });

  it("rejects what it cannot reproduce, naming the layer", async () => {
    // tfjs's default recurrent activation is hard_sigmoid
    const hard = tf.sequential({ layers: [tf.layers.lstm({ units: 2, inputShape: [T, I] })] });
    await expect(saveFromTfjs(hard).then((a) => importKerasModel(a))).rejects.toThrow(
      /layer "lstm_LSTM\d+": recurrent_activation "hard_sigmoid" is not supported; supported: sigmoid/,
    );
    const masked = tf.sequential({
      layers: [tf.layers.embedding({ inputDim: 5, outputDim: 2, maskZero: true, inputShape: [T] })],
    });
    await expect(saveFromTfjs(masked).then((a) => importKerasModel(a))).rejects.toThrow(
      /mask_zero is not supported/,
    );
    const flat = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [T, I] })] });
    await expect(saveFromTfjs(flat).then((a) => importKerasModel(a))).rejects.toThrow(
      /Flatten layers are not supported; supported: Embedding, SimpleRNN, LSTM, GRU/,
    );
    const input = tf.input({ shape: [T, I] });
    const a = tf.layers.dense({ units: 2 }).apply(input) as tf.SymbolicTensor;
    const b = tf.layers.dense({ units: 2 }).apply(input) as tf.SymbolicTensor;
    const branched = tf.model({
      inputs: input,
      outputs: tf.layers.add().apply([a, b]) as tf.SymbolicTensor,
    });
    await expect(saveFromTfjs(branched).then((x) => importKerasModel(x))).rejects.toThrow(
      /only a chain of layers is supported/,
    );
    tf.dispose([hard, masked, flat, branched] as never);
  });

  it("rejects a weight of the wrong shape and weights no layer uses", async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [I] })] });
    const artifacts = await saveFromTfjs(model);
    const wrong = {
      ...artifacts,
      weightSpecs: [{ ...artifacts.weightSpecs[0]!, shape: [2, I] }, artifacts.weightSpecs[1]!],
    };
    expect(() => importKerasModel(wrong)).toThrow(
      /layer "dense_Dense\d+": weight "dense_Dense\d+\/kernel" is \[2,4\], expected \[2,2\]/,
    );
    const extra = {
      ...artifacts,
      weightSpecs: [
        ...artifacts.weightSpecs,
        { name: "stray/kernel", shape: [1], dtype: "float32" as const },
      ],
      weightData: new Uint8Array([...new Uint8Array(artifacts.weightData), 0, 0, 0, 0]).buffer,
    };
    expect(() => importKerasModel(extra)).toThrow("weights no layer uses: stray/kernel");
    model.dispose();
  });
});
