// Keras GRU reset_after=true (the Keras 2.3+/TF2 default, bias [2, 3H]) has no tfjs-layers
// implementation, so these tests check rnnkit against a direct transcription of Keras's GRUCell.call
// written here with tfjs ops, on model.json files shaped as tensorflowjs_converter writes them.
import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { Rng, tensor, tidy } from "@rnnkit/core-tensor";
import { Bidirectional, GRUCell, RNN } from "@rnnkit/layers-recurrent";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { exportKerasModel } from "./export/export-keras-model.js";
import { fromModelJson } from "./from-model-json.js";
import { importKerasModel } from "./import/import-keras-model.js";
import type { KerasJson, KerasModelJson, KerasWeightSpec } from "./keras-model-artifacts.js";
import { Sequential } from "./sequential.js";

registerCpuBackend();

const B = 2;
const T = 5;
const I = 4;
const H = 3;

beforeAll(async () => {
  tf.env().set("IS_TEST", true);
  await tf.setBackend("cpu");
});

function randomValues(seed: number, count: number, scale = 0.5): number[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => scale * rng.nextNormal());
}

interface KerasGruWeights {
  kernel: number[];
  recurrentKernel: number[];
  bias: number[];
}

/**
 * Keras's GRUCell.call with reset_after=True, step by step (gate blocks z, r, h):
 *   x_z, x_r, x_h = split(x·kernel + b_input);  i_z, i_r, i_h = split(h·recurrent_kernel + b_recurrent)
 *   z = σ(x_z + i_z);  r = σ(x_r + i_r);  hh = tanh(x_h + r∘i_h);  h = z∘h + (1 − z)∘hh
 */
function kerasGru(x: tf.Tensor3D, w: KerasGruWeights, units: number, goBackwards: boolean) {
  const [batch, steps, features] = x.shape;
  const kernel = tf.tensor2d(w.kernel, [features, 3 * units]);
  const recurrentKernel = tf.tensor2d(w.recurrentKernel, [units, 3 * units]);
  const [inputBias, recurrentBias] = tf.unstack(tf.tensor2d(w.bias, [2, 3 * units]));
  let h: tf.Tensor2D = tf.zeros([batch, units]);
  const outputs: tf.Tensor2D[] = [];
  for (let k = 0; k < steps; k++) {
    const t = goBackwards ? steps - 1 - k : k;
    const xt = tf.reshape(tf.slice(x, [0, t, 0], [batch, 1, features]), [batch, features]);
    const [xZ, xR, xH] = tf.split(tf.add(tf.matMul(xt as tf.Tensor2D, kernel), inputBias!), 3, 1);
    const [iZ, iR, iH] = tf.split(tf.add(tf.matMul(h, recurrentKernel), recurrentBias!), 3, 1);
    const z = tf.sigmoid(tf.add(xZ!, iZ!));
    const r = tf.sigmoid(tf.add(xR!, iR!));
    const hh = tf.tanh(tf.add(xH!, tf.mul(r, iH!)));
    h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), hh)) as tf.Tensor2D;
    outputs.push(h);
  }
  // Keras's Bidirectional re-reverses a backward layer's sequence; here only the last step is used
  return { sequence: tf.stack(outputs, 1) as tf.Tensor3D, last: h };
}

function gruWeights(seed: number, features: number, units: number): KerasGruWeights {
  return {
    kernel: randomValues(seed, features * 3 * units),
    recurrentKernel: randomValues(seed + 1, units * 3 * units),
    bias: randomValues(seed + 2, 2 * 3 * units),
  };
}

function gruConfig(name: string, units: number, returnSequences: boolean): KerasJson {
  return {
    name,
    trainable: true,
    dtype: "float32",
    return_sequences: returnSequences,
    return_state: false,
    go_backwards: false,
    stateful: false,
    unroll: false,
    time_major: false,
    units,
    activation: "tanh",
    recurrent_activation: "sigmoid",
    use_bias: true,
    dropout: 0.0,
    recurrent_dropout: 0.2,
    implementation: 2,
    reset_after: true,
  };
}

/** A model.json as tensorflowjs_converter writes a Keras 2 (TF 2.x) Sequential model. */
function converterModelJson(): {
  modelJson: KerasModelJson;
  shard: Float32Array;
  weights: Record<"gru" | "forward" | "backward", KerasGruWeights>;
} {
  const weights = {
    gru: gruWeights(10, I, H),
    forward: gruWeights(20, H, 2),
    backward: gruWeights(30, H, 2),
  };
  const specs = (prefix: string, features: number, units: number): KerasWeightSpec[] => [
    { name: `${prefix}/gru_cell/kernel`, shape: [features, 3 * units], dtype: "float32" },
    { name: `${prefix}/gru_cell/recurrent_kernel`, shape: [units, 3 * units], dtype: "float32" },
    { name: `${prefix}/gru_cell/bias`, shape: [2, 3 * units], dtype: "float32" },
  ];
  // the converter lists weights in its own order: reversed here, to rely on names only
  const manifest = [
    ...specs("bidirectional/backward_gru_1", H, 2),
    ...specs("bidirectional/forward_gru_1", H, 2),
    ...specs("gru", I, H),
  ];
  const values = [weights.backward, weights.forward, weights.gru].flatMap((w) => [
    ...w.kernel,
    ...w.recurrentKernel,
    ...w.bias,
  ]);
  const modelJson: KerasModelJson = {
    format: "layers-model",
    generatedBy: "keras v2.15.0",
    convertedBy: "TensorFlow.js Converter v4.22.0",
    modelTopology: {
      keras_version: "2.15.0",
      backend: "tensorflow",
      model_config: {
        class_name: "Sequential",
        config: {
          name: "sequential",
          layers: [
            {
              class_name: "InputLayer",
              config: { batch_input_shape: [null, T, I], dtype: "float32", name: "gru_input" },
            },
            { class_name: "GRU", config: gruConfig("gru", H, true) },
            {
              class_name: "Bidirectional",
              config: {
                name: "bidirectional",
                trainable: true,
                dtype: "float32",
                layer: { class_name: "GRU", config: gruConfig("gru_1", 2, false) },
                merge_mode: "concat",
              },
            },
          ],
        },
      },
    },
    weightsManifest: [{ paths: ["group1-shard1of1.bin"], weights: manifest }],
  };
  return { modelJson, shard: Float32Array.from(values), weights };
}

const xValues = randomValues(1, B * T * I, 1);

describe("Keras GRU reset_after=true", () => {
  it("imports a converted Keras model (TF2 weight names, InputLayer, Bidirectional) and matches Keras's formula", () => {
    const { modelJson, shard, weights } = converterModelJson();
    const model = importKerasModel(
      fromModelJson(modelJson, { "group1-shard1of1.bin": new Uint8Array(shard.buffer) }),
    );
    const cell = (model.layers[0] as RNN).cell as GRUCell;
    expect(cell.resetAfter).toBe(true);
    const expected = tf.tidy(() => {
      const x = tf.tensor3d(xValues, [B, T, I]);
      const first = kerasGru(x, weights.gru, H, false).sequence;
      const f = kerasGru(first, weights.forward, 2, false).last;
      const b = kerasGru(first, weights.backward, 2, true).last;
      return tf.concat([f, b], 1).dataSync().slice();
    });
    const got = tidy(() =>
      model
        .forward(tensor(xValues, [B, T, I]))
        .dataSync()
        .slice(),
    );
    expect(got.length).toBe(B * 4);
    got.forEach((v, k) => {
      expect(Math.abs(v - expected[k]!), `element ${k}`).toBeLessThan(1e-5);
    });
    model.dispose();
  });

  it("exports rnnkit's resetAfter GRU as reset_after=true with bias [2, 3H]; the weights reproduce it under Keras's formula; tfjs refuses to load it", async () => {
    const cell = new GRUCell({ inputSize: I, hiddenSize: H, resetAfter: true, rng: new Rng(5) });
    const model = new Sequential([new RNN(cell)]);
    const artifacts = exportKerasModel(model);
    const layer = (artifacts.modelTopology as { config: { layers: { config: object }[] } }).config
      .layers[0];
    expect(layer?.config).toMatchObject({ reset_after: true, recurrent_activation: "sigmoid" });
    expect(artifacts.weightSpecs.map((w) => w.shape)).toEqual([
      [I, 3 * H],
      [H, 3 * H],
      [2, 3 * H],
    ]);
    const data = new Float32Array(artifacts.weightData);
    const n1 = I * 3 * H;
    const n2 = H * 3 * H;
    const kerasWeights = {
      kernel: [...data.subarray(0, n1)],
      recurrentKernel: [...data.subarray(n1, n1 + n2)],
      bias: [...data.subarray(n1 + n2)],
    };
    const expected = tf.tidy(() =>
      kerasGru(tf.tensor3d(xValues, [B, T, I]), kerasWeights, H, false)
        .sequence.dataSync()
        .slice(),
    );
    const got = tidy(() =>
      model
        .forward(tensor(xValues, [B, T, I]))
        .dataSync()
        .slice(),
    );
    got.forEach((v, k) => {
      expect(Math.abs(v - expected[k]!), `element ${k}`).toBeLessThan(1e-5);
    });
    // tfjs-layers 4.22 implements only reset_after=false
    await expect(
      tf.loadLayersModel({ load: async () => artifacts as unknown as tf.io.ModelArtifacts }),
    ).rejects.toThrow(/reset_after/);
    // the import keeps b_hh apart, so the state dict round-trips exactly
    const back = importKerasModel(artifacts);
    const backCell = (back.layers[0] as RNN).cell as GRUCell;
    expect([...(backCell.biasHh?.dataSync() ?? [])]).toEqual([...(cell.biasHh?.dataSync() ?? [])]);
    expect([...backCell.weightHh.dataSync()]).toEqual([...cell.weightHh.dataSync()]);
    back.dispose();
    model.dispose();
  });

  it("reads a Keras 3 functional model (keras_history nodes) and infers reset_after from the bias shape", () => {
    const w = gruWeights(40, I, H);
    const config = gruConfig("gru", H, false) as Record<string, KerasJson>;
    delete config.reset_after;
    const topology: KerasJson = {
      class_name: "Functional",
      config: {
        name: "functional",
        layers: [
          {
            module: "keras.layers",
            class_name: "InputLayer",
            config: { batch_shape: [null, T, I], dtype: "float32", name: "input_layer" },
            name: "input_layer",
            inbound_nodes: [],
          },
          {
            module: "keras.layers",
            class_name: "GRU",
            config,
            name: "gru",
            inbound_nodes: [
              {
                args: [
                  {
                    class_name: "__keras_tensor__",
                    config: {
                      shape: [null, T, I],
                      dtype: "float32",
                      keras_history: ["input_layer", 0, 0],
                    },
                  },
                ],
                kwargs: { training: false, mask: null },
              },
            ],
          },
        ],
        input_layers: [["input_layer", 0, 0]],
        output_layers: [["gru", 0, 0]],
      },
    };
    const values = Float32Array.from([...w.kernel, ...w.recurrentKernel, ...w.bias]);
    const model = importKerasModel({
      modelTopology: topology,
      weightSpecs: [
        { name: "gru/gru_cell/kernel", shape: [I, 3 * H], dtype: "float32" },
        { name: "gru/gru_cell/recurrent_kernel", shape: [H, 3 * H], dtype: "float32" },
        { name: "gru/gru_cell/bias", shape: [2, 3 * H], dtype: "float32" },
      ],
      weightData: values.buffer,
    });
    expect(((model.layers[0] as RNN).cell as GRUCell).resetAfter).toBe(true);
    const expected = tf.tidy(() =>
      kerasGru(tf.tensor3d(xValues, [B, T, I]), w, H, false)
        .last.dataSync()
        .slice(),
    );
    const got = tidy(() =>
      model
        .forward(tensor(xValues, [B, T, I]))
        .dataSync()
        .slice(),
    );
    got.forEach((v, k) => {
      expect(Math.abs(v - expected[k]!), `element ${k}`).toBeLessThan(1e-5);
    });
    model.dispose();
  });

  it("a Bidirectional of resetAfter GRUs round-trips through the format", () => {
    const make = (seed: number, goBackwards: boolean) =>
      new RNN(new GRUCell({ inputSize: I, hiddenSize: H, rng: new Rng(seed) }), { goBackwards });
    const model = new Sequential([
      new Bidirectional({ forward: make(1, false), backward: make(2, true), mergeMode: "ave" }),
    ]);
    const back = importKerasModel(exportKerasModel(model));
    tidy(() => {
      const x = tensor(xValues, [B, T, I]);
      const a = model.forward(x).dataSync();
      const b = back.forward(x).dataSync();
      a.forEach((v, k) => {
        expect(Math.abs(v - b[k]!)).toBeLessThan(1e-6);
      });
    });
    back.dispose();
    model.dispose();
  });
});
