import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { Rng, tensor, tidy } from "@rnnkit/core-tensor";
import { Dense, Embedding, LSTMCell, RNN } from "@rnnkit/layers-recurrent";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportKerasModel } from "./export/export-keras-model.js";
import { fromModelJson } from "./from-model-json.js";
import type { KerasModelJson } from "./keras-model-artifacts.js";
import { loadKerasModel } from "./load-keras-model.js";
import { saveKerasModel } from "./save-keras-model.js";
import { Sequential } from "./sequential.js";
import { toModelJson } from "./to-model-json.js";

registerCpuBackend();

const directory = mkdtempSync(join(tmpdir(), "rnnkit-keras-"));

beforeAll(async () => {
  tf.env().set("IS_TEST", true);
  await tf.setBackend("cpu");
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function charModel(): Sequential {
  return new Sequential([
    new Embedding({ numEmbeddings: 9, embeddingDim: 4, rng: new Rng(1) }),
    new RNN(new LSTMCell({ inputSize: 4, hiddenSize: 6, rng: new Rng(2) })),
    new Dense({ inputSize: 6, outputSize: 9, rng: new Rng(3) }),
  ]);
}

const indices = [1, 4, 7, 0, 8, 2, 3, 3, 5, 6];

describe("model.json + weight shards", () => {
  it("cuts the weights into shards of at most shardSizeBytes and reassembles them", () => {
    const artifacts = exportKerasModel(charModel());
    const total = artifacts.weightData.byteLength;
    const { modelJson, shards } = toModelJson(artifacts, { shardSizeBytes: 256 });
    expect(shards.length).toBe(Math.ceil(total / 256));
    expect(shards.map((s) => s.path)).toEqual(
      shards.map((_, i) => `group1-shard${i + 1}of${shards.length}.bin`),
    );
    expect(shards.every((s) => s.data.byteLength <= 256)).toBe(true);
    expect(modelJson.weightsManifest[0]?.weights).toEqual(artifacts.weightSpecs);
    const back = fromModelJson(
      JSON.parse(JSON.stringify(modelJson)) as KerasModelJson,
      Object.fromEntries(shards.map((s) => [s.path, s.data])),
    );
    expect(new Uint8Array(back.weightData)).toEqual(new Uint8Array(artifacts.weightData));
    expect(() => fromModelJson(modelJson, {})).toThrow('weight shard "group1-shard1of');
  });

  it("saveKerasModel writes files that loadKerasModel and tf.loadLayersModel read back", async () => {
    const model = charModel();
    const paths = await saveKerasModel(model, directory, { shardSizeBytes: 300 });
    expect(readdirSync(directory).sort()).toEqual(
      paths.map((p) => p.slice(directory.length + 1)).sort(),
    );
    const loaded = await loadKerasModel(join(directory, "model.json"));
    // tfjs reads the same files through an IOHandler (file:// URLs need tfjs-node)
    const modelJson = JSON.parse(readFileSync(join(directory, "model.json"), "utf8"));
    const shards = Object.fromEntries(
      modelJson.weightsManifest[0].paths.map((p: string) => [
        p,
        new Uint8Array(readFileSync(join(directory, p))),
      ]),
    );
    const artifacts = fromModelJson(modelJson, shards);
    const tfModel = await tf.loadLayersModel({
      load: async () => artifacts as unknown as tf.io.ModelArtifacts,
    });
    const expected = tidy(() =>
      model
        .forward(tensor(indices, [2, 5], "int32"))
        .dataSync()
        .slice(),
    );
    const fromFiles = tidy(() =>
      loaded
        .forward(tensor(indices, [2, 5], "int32"))
        .dataSync()
        .slice(),
    );
    const fromTfjs = tf.tidy(() =>
      (tfModel.predict(tf.tensor(indices, [2, 5])) as tf.Tensor).dataSync().slice(),
    );
    expected.forEach((v, k) => {
      expect(Math.abs(fromFiles[k]! - v)).toBeLessThan(1e-6);
      expect(Math.abs(fromTfjs[k]! - v)).toBeLessThan(1e-5);
    });
    tfModel.dispose();
    loaded.dispose();
    model.dispose();
  });
});
