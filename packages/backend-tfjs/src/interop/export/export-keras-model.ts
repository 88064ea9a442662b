import { RnnkitError } from "@rnnkit/core-tensor";
import {
  Bidirectional,
  Dense,
  Embedding,
  type RecurrentCell,
  RecurrentLayer,
  RNN,
} from "@rnnkit/layers-recurrent";
import type { KerasJson, KerasModelArtifacts, KerasWeightSpec } from "../keras-model-artifacts.js";
import { Sequential, type SequentialLayer } from "../sequential.js";
import { KerasLayerNamer } from "./keras-layer-namer.js";
import type { NamedWeight } from "./named-weight.js";
import { recurrentCellToKeras } from "./recurrent-cell-to-keras.js";
import { recurrentKindOf } from "./recurrent-kind-of.js";

export interface ExportKerasModelOptions {
  /** Model name in the topology (default "sequential"). */
  name?: string;
  /** Sequence length written into the input shape (default null: any length). */
  sequenceLength?: number;
}

type KerasLayer = { class_name: string; config: Record<string, KerasJson> };

const BASE_NAMES: Record<string, string> = {
  SimpleRNN: "simple_rnn",
  LSTM: "lstm",
  GRU: "gru",
};

/**
 * Exports a Sequential model (or a list of its layers) as a tfjs-layers / Keras model: a
 * `Sequential` topology and float32 weights named as tfjs names them (`lstm/kernel`,
 * `bidirectional/forward_lstm/kernel`, …). The result loads with
 * `tf.loadLayersModel(tf.io.fromMemory(artifacts))`; `toModelJson` / `saveKerasModel` write
 * model.json + weight shards. GRU resetAfter=true exports as Keras `reset_after: true`, which
 * Keras (Python) reads but tfjs-layers 4.22 refuses ("GRUCell does not support reset_after").
 */
export function exportKerasModel(
  model: Sequential | readonly SequentialLayer[],
  options: ExportKerasModelOptions = {},
): KerasModelArtifacts {
  const layers = model instanceof Sequential ? model.layers : model;
  if (layers.length === 0) throw new RnnkitError("exportKerasModel", "the model has no layers");
  const namer = new KerasLayerNamer();
  const kerasLayers: KerasLayer[] = [];
  const weights: NamedWeight[] = [];
  const add = (layer: KerasLayer, layerWeights: NamedWeight[], prefix = ""): void => {
    kerasLayers.push(layer);
    const name = layer.config.name as string;
    for (const w of layerWeights) weights.push({ ...w, name: `${name}/${prefix}${w.name}` });
  };
  const addRecurrent = (
    forward: RecurrentCell,
    backward: RecurrentCell | undefined,
    returnSequences: boolean,
    mergeMode: string,
    goBackwards = false,
  ): void => {
    const kind = recurrentKindOf(forward);
    const innerName = namer.next(BASE_NAMES[kind] as string);
    const f = recurrentCellToKeras(forward, { name: innerName, returnSequences, goBackwards });
    if (backward === undefined) {
      add(f.layer, f.weights);
      return;
    }
    const b = recurrentCellToKeras(backward, {
      name: innerName,
      returnSequences,
      goBackwards: false,
    });
    if (JSON.stringify(b.layer) !== JSON.stringify(f.layer)) {
      throw new RnnkitError(
        "exportKerasModel",
        "a Keras Bidirectional layer needs the same cell type, size and options in both directions",
      );
    }
    const name = namer.next("bidirectional");
    kerasLayers.push({
      class_name: "Bidirectional",
      config: { name, trainable: true, dtype: "float32", merge_mode: mergeMode, layer: f.layer },
    });
    for (const [direction, cellWeights] of [
      ["forward", f.weights],
      ["backward", b.weights],
    ] as const) {
      for (const w of cellWeights) {
        weights.push({ ...w, name: `${name}/${direction}_${innerName}/${w.name}` });
      }
    }
  };

  for (const layer of layers) {
    if (layer instanceof Embedding) {
      const config: Record<string, KerasJson> = {
        name: namer.next("embedding"),
        trainable: true,
        dtype: "float32",
        input_dim: layer.numEmbeddings,
        output_dim: layer.embeddingDim,
        mask_zero: false,
        input_length: options.sequenceLength ?? null,
      };
      add({ class_name: "Embedding", config }, [
        {
          name: "embeddings",
          shape: [layer.numEmbeddings, layer.embeddingDim],
          values: Float32Array.from(layer.weight.dataSync()),
        },
      ]);
    } else if (layer instanceof Dense) {
      const config: Record<string, KerasJson> = {
        name: namer.next("dense"),
        trainable: true,
        dtype: "float32",
        units: layer.outputSize,
        activation: layer.activation,
        use_bias: layer.bias !== undefined,
      };
      // kernel [in, out] = weightᵀ
      const w = layer.weight.dataSync();
      const kernel = new Float32Array(w.length);
      for (let o = 0; o < layer.outputSize; o++) {
        for (let i = 0; i < layer.inputSize; i++) {
          kernel[i * layer.outputSize + o] = w[o * layer.inputSize + i] as number;
        }
      }
      const denseWeights: NamedWeight[] = [
        { name: "kernel", shape: [layer.inputSize, layer.outputSize], values: kernel },
      ];
      if (layer.bias !== undefined) {
        denseWeights.push({
          name: "bias",
          shape: [layer.outputSize],
          values: Float32Array.from(layer.bias.dataSync()),
        });
      }
      add({ class_name: "Dense", config }, denseWeights);
    } else if (layer instanceof RNN) {
      if (layer.stateful) {
        throw new RnnkitError(
          "exportKerasModel",
          "a stateful RNN cannot be exported (a Keras stateful layer needs a fixed batch size)",
        );
      }
      if (layer.goBackwards && layer.returnSequences) {
        // Keras returns a go_backwards layer's outputs in reversed order; rnnkit keeps them aligned
        throw new RnnkitError(
          "exportKerasModel",
          "an RNN with goBackwards and returnSequences has no Keras equivalent (Keras reverses its output sequence)",
        );
      }
      addRecurrent(layer.cell, undefined, layer.returnSequences, "", layer.goBackwards);
    } else if (layer instanceof Bidirectional) {
      addRecurrent(
        layer.forwardLayer.cell,
        layer.backwardLayer.cell,
        layer.forwardLayer.returnSequences,
        layer.mergeMode,
      );
    } else if (layer instanceof RecurrentLayer) {
      for (const row of layer.cells) {
        addRecurrent(row[0] as RecurrentCell, row[1], true, "concat");
      }
    }
  }

  // the first layer declares the input: [batch, T] of indices, or [batch, T, features]
  const first = layers[0] as SequentialLayer;
  const T = options.sequenceLength ?? null;
  const inputShape: (number | null)[] =
    first instanceof Embedding
      ? [null, T]
      : first instanceof Dense
        ? options.sequenceLength === undefined
          ? [null, first.inputSize]
          : [null, T, first.inputSize]
        : [null, T, inputSizeOf(first)];
  (kerasLayers[0] as KerasLayer).config.batch_input_shape = inputShape;

  const weightSpecs: KerasWeightSpec[] = weights.map((w) => ({
    name: w.name,
    shape: w.shape,
    dtype: "float32",
  }));
  const weightData = new Float32Array(weights.reduce((n, w) => n + w.values.length, 0));
  let offset = 0;
  for (const w of weights) {
    weightData.set(w.values, offset);
    offset += w.values.length;
  }
  return {
    modelTopology: {
      class_name: "Sequential",
      config: { name: options.name ?? "sequential", layers: kerasLayers },
    },
    weightSpecs,
    weightData: weightData.buffer,
    format: "layers-model",
    generatedBy: "@rnnkit/backend-tfjs",
    convertedBy: null,
  };
}

function inputSizeOf(layer: RNN | Bidirectional | RecurrentLayer): number {
  if (layer instanceof RNN) return layer.cell.inputSize;
  if (layer instanceof Bidirectional) return layer.forwardLayer.cell.inputSize;
  return layer.inputSize;
}
