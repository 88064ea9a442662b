import type { Dtype } from "@rnnkit/core-tensor";
import {
  type Activation,
  Bidirectional,
  Dense,
  Embedding,
  type MergeMode,
  type RecurrentCell,
  RNN,
} from "@rnnkit/layers-recurrent";
import type { KerasJson, KerasWeightSpec } from "../keras-model-artifacts.js";
import type { RecurrentKind } from "../layout/keras-gate-order.js";
import { Sequential, type SequentialLayer } from "../sequential.js";
import { decodeKerasWeights } from "./decode-keras-weights.js";
import type { DecodedWeight } from "./decoded-weight.js";
import { importRecurrentCell, recurrentWeightRoles } from "./import-recurrent-cell.js";
import { KerasConfigReader } from "./keras-config-reader.js";
import { KerasWeightSource } from "./keras-weight-source.js";
import { type KerasLayerJson, layerNameOf, modelLayerConfigs } from "./model-layer-configs.js";

export interface ImportKerasModelOptions {
  /** dtype of the parameters (default float32, as stored). */
  dtype?: Dtype;
  /** LSTM and GRU cells use the fused kernels (default true) or composite ops. */
  fused?: boolean;
}

const RECURRENT: readonly string[] = ["SimpleRNN", "LSTM", "GRU"];
const SUPPORTED = "Embedding, SimpleRNN, LSTM, GRU, Bidirectional, Dense (and InputLayer)";
const ACTIVATIONS = ["linear", "tanh", "sigmoid", "relu", "softmax"] as const;
const MERGE_MODES = ["concat", "sum", "mul", "ave"] as const;

/**
 * Builds an rnnkit `Sequential` from a tfjs-layers / Keras model (the topology and weights of
 * model.json + shards, or tfjs's in-memory artifacts): Embedding, Dense, SimpleRNN, LSTM, GRU (both
 * reset_after forms), Bidirectional, in a Sequential model or a chain-shaped functional one. Gate
 * orders and bias layouts are converted to PyTorch's (see `importRecurrentCell`). Dropout settings
 * are ignored (they act only in training); anything that would change the outputs and has no rnnkit
 * equivalent (hard_sigmoid, mask_zero, return_state, …) is rejected with the layer's name.
 */
export function importKerasModel(
  artifacts: {
    modelTopology: KerasJson;
    weightSpecs?: readonly KerasWeightSpec[];
    weightData?: ArrayBuffer | readonly ArrayBuffer[];
  },
  options: ImportKerasModelOptions = {},
): Sequential {
  const dtype = options.dtype ?? "float32";
  const fused = options.fused ?? true;
  const decoded = decodeKerasWeights(artifacts.weightSpecs ?? [], artifacts.weightData ?? []);
  const source = new KerasWeightSource(decoded);
  const layers: SequentialLayer[] = [];
  try {
    for (const layer of modelLayerConfigs(artifacts.modelTopology)) {
      layers.push(importLayer(layer, source, dtype, fused));
    }
    source.finish();
    return new Sequential(layers);
  } catch (error) {
    for (const layer of layers) layer.dispose();
    throw error;
  }
}

function importLayer(
  layer: KerasLayerJson,
  source: KerasWeightSource,
  dtype: Dtype,
  fused: boolean,
): SequentialLayer {
  const name = layerNameOf(layer);
  const reader: KerasConfigReader = new KerasConfigReader(name, layer.config ?? {});
  switch (layer.class_name) {
    case "Embedding": {
      if (reader.boolean("mask_zero", false)) {
        reader.fail(
          "mask_zero is not supported (rnnkit layers take masks as an explicit argument)",
        );
      }
      const numEmbeddings = reader.number("input_dim");
      const embeddingDim = reader.number("output_dim");
      const embeddings = source.take(name, ["embeddings"]).get("embeddings") as DecodedWeight;
      KerasWeightSource.expectShape(embeddings, [numEmbeddings, embeddingDim], name);
      const embedding = new Embedding({ numEmbeddings, embeddingDim, dtype, name });
      embedding.loadStateDict({ weight: embeddings });
      return embedding;
    }
    case "Dense": {
      const outputSize = reader.number("units");
      const activation: Activation = reader.oneOf("activation", ACTIVATIONS, "linear");
      const useBias = reader.boolean("use_bias", true);
      const weights = source.take(name, useBias ? ["kernel", "bias"] : ["kernel"]);
      const kernel = weights.get("kernel") as DecodedWeight;
      const inputSize = kernel.shape[0] ?? 0;
      KerasWeightSource.expectShape(kernel, [inputSize, outputSize], name);
      // weight [out, in] = kernelᵀ
      const weight = new Float64Array(kernel.values.length);
      for (let i = 0; i < inputSize; i++) {
        for (let o = 0; o < outputSize; o++) {
          weight[o * inputSize + i] = kernel.values[i * outputSize + o] as number;
        }
      }
      const dense = new Dense({ inputSize, outputSize, activation, bias: useBias, dtype, name });
      const state: Record<string, { shape: number[]; values: ArrayLike<number> }> = {
        weight: { shape: [outputSize, inputSize], values: weight },
      };
      const bias = weights.get("bias");
      if (bias !== undefined) {
        KerasWeightSource.expectShape(bias, [outputSize], name);
        state.bias = bias;
      }
      dense.loadStateDict(state);
      return dense;
    }
    case "Bidirectional": {
      const mergeMode: MergeMode = reader.oneOf("merge_mode", MERGE_MODES, "concat");
      if (reader.raw("merge_mode") === null) {
        reader.fail(
          "merge_mode null (two separate outputs) is not supported in a Sequential model",
        );
      }
      const inner = reader.raw("layer") as unknown as KerasLayerJson | undefined;
      if (inner === undefined || !RECURRENT.includes(inner?.class_name)) {
        reader.fail(`wraps a ${String(inner?.class_name)}; supported: SimpleRNN, LSTM, GRU`);
      }
      const innerReader: KerasConfigReader = new KerasConfigReader(
        `${name}/${layerNameOf(inner)}`,
        inner.config,
      );
      checkRecurrentOptions(innerReader);
      if (innerReader.boolean("go_backwards", false)) {
        innerReader.fail("go_backwards inside Bidirectional is not supported");
      }
      const backwardJson = reader.raw("backward_layer") as unknown as KerasLayerJson | undefined;
      const backwardReader =
        backwardJson?.config === undefined
          ? innerReader
          : new KerasConfigReader(`${name}/${layerNameOf(backwardJson)}`, backwardJson.config);
      const kind = inner.class_name as RecurrentKind;
      const returnSequences = innerReader.boolean("return_sequences", false);
      const cells = (["forward", "backward"] as const).map((direction) => {
        const r = direction === "forward" ? innerReader : backwardReader;
        const weights = source.take(name, recurrentWeightRoles(r), direction);
        return importRecurrentCell(kind, r, weights, {
          dtype,
          fused,
          name: `${name}_${direction}`,
        });
      });
      return new Bidirectional({
        forward: new RNN(cells[0] as RecurrentCell, { returnSequences }),
        backward: new RNN(cells[1] as RecurrentCell, { returnSequences, goBackwards: true }),
        mergeMode,
        name,
      });
    }
    default: {
      if (!RECURRENT.includes(layer.class_name)) {
        reader.fail(`${layer.class_name} layers are not supported; supported: ${SUPPORTED}`);
      }
      checkRecurrentOptions(reader);
      const returnSequences = reader.boolean("return_sequences", false);
      const goBackwards = reader.boolean("go_backwards", false);
      if (goBackwards && returnSequences) {
        // Keras returns such a layer's outputs in processing (reversed) order, rnnkit aligned
        reader.fail(
          "go_backwards with return_sequences is not supported (Keras reverses the outputs)",
        );
      }
      const weights = source.take(name, recurrentWeightRoles(reader));
      const cell = importRecurrentCell(layer.class_name as RecurrentKind, reader, weights, {
        dtype,
        fused,
      });
      return new RNN(cell, {
        returnSequences,
        goBackwards,
        stateful: reader.boolean("stateful", false),
        name,
      });
    }
  }
}

/** Options that change a recurrent layer's outputs in ways a Sequential rnnkit model cannot express. */
function checkRecurrentOptions(reader: KerasConfigReader): void {
  if (reader.boolean("return_state", false)) {
    reader.fail("return_state is not supported in a Sequential model");
  }
  if (reader.boolean("time_major", false)) reader.fail("time_major is not supported");
}
