import { fromModelJson } from "./from-model-json.js";
import { type ImportKerasModelOptions, importKerasModel } from "./import/import-keras-model.js";
import type { KerasModelJson } from "./keras-model-artifacts.js";
import type { Sequential } from "./sequential.js";

/**
 * Node only: reads a tfjs-format model (`model.json` and the shards it lists, next to it) and
 * imports it (see `importKerasModel`).
 */
export async function loadKerasModel(
  modelJsonPath: string,
  options: ImportKerasModelOptions = {},
): Promise<Sequential> {
  const { readFile } = await import("node:fs/promises");
  const { dirname, join } = await import("node:path");
  const modelJson = JSON.parse(await readFile(modelJsonPath, "utf8")) as KerasModelJson;
  const shards: Record<string, Uint8Array> = {};
  for (const group of modelJson.weightsManifest ?? []) {
    for (const path of group.paths) {
      shards[path] = new Uint8Array(await readFile(join(dirname(modelJsonPath), path)));
    }
  }
  return importKerasModel(fromModelJson(modelJson, shards), options);
}
