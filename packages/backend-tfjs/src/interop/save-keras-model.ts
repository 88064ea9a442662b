import { type ExportKerasModelOptions, exportKerasModel } from "./export/export-keras-model.js";
import type { KerasModelArtifacts } from "./keras-model-artifacts.js";
import type { Sequential, SequentialLayer } from "./sequential.js";
import { type ToModelJsonOptions, toModelJson } from "./to-model-json.js";

/**
 * Node only: writes `model.json` and its weight shards into `directory` (created if needed), loadable
 * with `tf.loadLayersModel("file://…/model.json")` (tfjs-node) or `loadKerasModel`. Returns the paths.
 */
export async function saveKerasModel(
  model: Sequential | readonly SequentialLayer[] | KerasModelArtifacts,
  directory: string,
  options: ExportKerasModelOptions & ToModelJsonOptions = {},
): Promise<string[]> {
  const { mkdir, writeFile } = await import("node:fs/promises");
  const { join } = await import("node:path");
  const artifacts = "modelTopology" in model ? model : exportKerasModel(model, options);
  const { modelJson, shards } = toModelJson(artifacts, options);
  await mkdir(directory, { recursive: true });
  const paths = [join(directory, "model.json")];
  await writeFile(paths[0] as string, `${JSON.stringify(modelJson)}\n`);
  for (const shard of shards) {
    const path = join(directory, shard.path);
    await writeFile(path, shard.data);
    paths.push(path);
  }
  return paths;
}
