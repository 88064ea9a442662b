import { RnnkitError } from "@rnnkit/core-tensor";
import type { KerasJson } from "../keras-model-artifacts.js";

/** One entry of a Keras model config's `layers`. */
export interface KerasLayerJson {
  class_name: string;
  config: { [key: string]: KerasJson | undefined };
  name?: string;
  inbound_nodes?: KerasJson;
}

type JsonObject = { [key: string]: KerasJson | undefined };

function isObject(value: KerasJson | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function layerNameOf(layer: KerasLayerJson): string {
  const name = layer.config.name ?? layer.name;
  return typeof name === "string" ? name : layer.class_name;
}

/** Names of the layers feeding a functional-model layer (Keras 2 node lists and Keras 3 node objects). */
function inboundNames(layer: KerasLayerJson): string[] {
  const nodes = layer.inbound_nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) return [];
  if (nodes.length > 1) {
    throw new RnnkitError(
      "importKerasModel",
      `layer "${layerNameOf(layer)}" is called ${nodes.length} times (shared layers are not supported)`,
    );
  }
  const node = nodes[0];
  if (Array.isArray(node)) {
    // Keras 2: [[inbound_layer, node_index, tensor_index, kwargs], …]
    return node.map((entry) => (Array.isArray(entry) ? String(entry[0]) : String(entry)));
  }
  // Keras 3: {args: [{class_name: "__keras_tensor__", config: {keras_history: [name, 0, 0]}}]}
  const names: string[] = [];
  const visit = (value: KerasJson | undefined): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      const history = isObject(value.config) ? value.config.keras_history : undefined;
      if (Array.isArray(history)) names.push(String(history[0]));
      else Object.values(value).forEach(visit);
    }
  };
  visit(isObject(node) ? node.args : undefined);
  return names;
}

/**
 * The layers of a Keras / tfjs-layers model topology, input layers dropped: a Sequential model
 * (tfjs, Keras 2 and 3, the old list form), or a functional model ("Model" / "Functional") whose
 * layers form one chain, each fed by the one before.
 */
export function modelLayerConfigs(topology: KerasJson): KerasLayerJson[] {
  if (!isObject(topology)) {
    throw new RnnkitError("importKerasModel", "modelTopology must be a JSON object");
  }
  const root = isObject(topology.model_config) ? topology.model_config : topology;
  const className = root.class_name;
  const config = root.config;
  const list = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  if (!Array.isArray(list)) {
    throw new RnnkitError("importKerasModel", "modelTopology has no layers list");
  }
  const layers = list.filter(isObject).map((l) => l as unknown as KerasLayerJson);
  if (className === "Sequential") return layers.filter((l) => l.class_name !== "InputLayer");
  if (className !== "Model" && className !== "Functional") {
    throw new RnnkitError(
      "importKerasModel",
      `a ${String(className)} model is not supported (Sequential, or a functional model that is one chain of layers)`,
    );
  }
  let previous: string | undefined;
  const chain: KerasLayerJson[] = [];
  for (const layer of layers) {
    const name = layerNameOf(layer);
    const inbound = inboundNames(layer);
    if (layer.class_name === "InputLayer") {
      if (previous !== undefined) {
        throw new RnnkitError(
          "importKerasModel",
          "a functional model with several inputs is not supported",
        );
      }
      previous = name;
      continue;
    }
    if (previous !== undefined && (inbound.length !== 1 || inbound[0] !== previous)) {
      throw new RnnkitError(
        "importKerasModel",
        `layer "${name}" takes [${inbound.join(", ")}], not the previous layer "${previous}": only a chain of layers is supported`,
      );
    }
    chain.push(layer);
    previous = name;
  }
  const outputs = isObject(config) ? config.output_layers : undefined;
  if (Array.isArray(outputs)) {
    const names = outputs.map((o) => (Array.isArray(o) ? String(o[0]) : String(o)));
    if (names.length !== 1 || names[0] !== previous) {
      throw new RnnkitError(
        "importKerasModel",
        `the model's outputs are [${names.join(", ")}]; only the last layer of the chain ("${previous}") is supported`,
      );
    }
  }
  return chain;
}
