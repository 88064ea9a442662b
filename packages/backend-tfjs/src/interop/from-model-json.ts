import { RnnkitError } from "@rnnkit/core-tensor";
import type {
  KerasModelArtifacts,
  KerasModelJson,
  KerasWeightSpec,
} from "./keras-model-artifacts.js";

/**
 * In-memory artifacts from a `model.json` and its shards (by the paths the manifest lists): each
 * group's shards concatenated, the groups in manifest order.
 */
export function fromModelJson(
  modelJson: KerasModelJson,
  shards: Record<string, ArrayBuffer | Uint8Array>,
): KerasModelArtifacts {
  if (modelJson.modelTopology === undefined || !Array.isArray(modelJson.weightsManifest)) {
    throw new RnnkitError(
      "fromModelJson",
      "expected a model.json with modelTopology and weightsManifest",
    );
  }
  const parts: Uint8Array[] = [];
  const weightSpecs: KerasWeightSpec[] = [];
  for (const group of modelJson.weightsManifest) {
    for (const path of group.paths) {
      const shard = shards[path];
      if (shard === undefined) {
        throw new RnnkitError("fromModelJson", `weight shard "${path}" is missing`);
      }
      parts.push(shard instanceof Uint8Array ? shard : new Uint8Array(shard));
    }
    weightSpecs.push(...group.weights);
  }
  const weightData = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    weightData.set(part, offset);
    offset += part.byteLength;
  }
  return {
    modelTopology: modelJson.modelTopology,
    weightSpecs,
    weightData: weightData.buffer,
    format: modelJson.format,
    generatedBy: modelJson.generatedBy,
    convertedBy: modelJson.convertedBy,
  };
}
