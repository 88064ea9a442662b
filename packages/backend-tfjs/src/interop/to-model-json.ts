import type { KerasModelArtifacts, KerasModelJson } from "./keras-model-artifacts.js";

export interface ToModelJsonOptions {
  /** Largest shard in bytes (default 4 MiB, as tensorflowjs_converter writes them). */
  shardSizeBytes?: number;
}

/**
 * The files of the tfjs format for in-memory artifacts: `model.json` (topology + weightsManifest)
 * and the weight bytes cut into shards `group1-shard{i}of{n}.bin` (a weight may span two shards;
 * loaders concatenate a group's shards).
 */
export function toModelJson(
  artifacts: KerasModelArtifacts,
  options: ToModelJsonOptions = {},
): { modelJson: KerasModelJson; shards: { path: string; data: Uint8Array }[] } {
  const shardSize = options.shardSizeBytes ?? 4 * 1024 * 1024;
  const bytes = new Uint8Array(artifacts.weightData);
  const count = Math.max(1, Math.ceil(bytes.byteLength / shardSize));
  const shards = Array.from({ length: count }, (_, i) => ({
    path: `group1-shard${i + 1}of${count}.bin`,
    data: bytes.slice(i * shardSize, Math.min(bytes.byteLength, (i + 1) * shardSize)),
  }));
  const modelJson: KerasModelJson = {
    format: artifacts.format ?? "layers-model",
    generatedBy: artifacts.generatedBy ?? "@rnnkit/backend-tfjs",
    convertedBy: artifacts.convertedBy ?? null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: shards.map((s) => s.path), weights: artifacts.weightSpecs }],
  };
  return { modelJson, shards };
}
