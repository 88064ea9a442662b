import { decodeSafetensors, encodeSafetensors, type SafetensorsEntry } from "@rnnkit/core-tensor";
import type { Module } from "./module.js";

/**
 * A module's parameters as a .safetensors file (PyTorch's names and layouts), so weights move
 * between rnnkit and PyTorch (`safetensors.torch.load_file` / `save_file`) in both directions.
 */
export function saveSafetensors(module: Module, metadata: Record<string, string> = {}): Uint8Array {
  const entries: Record<string, SafetensorsEntry> = {};
  for (const [name, v] of module.namedParameters()) {
    entries[name] = { dtype: v.dtype, shape: [...v.shape], values: v.dataSync() };
  }
  return encodeSafetensors(entries, metadata);
}

/**
 * Loads parameters from .safetensors bytes (strict by default: same keys, same shapes; the error
 * names the layer and the key). Values are converted to each parameter's dtype. Returns the metadata.
 */
export function loadSafetensors(
  module: Module,
  bytes: Uint8Array,
  options: { strict?: boolean } = {},
): Record<string, string> {
  const { tensors, metadata } = decodeSafetensors(bytes);
  module.loadStateDict(tensors, options);
  return metadata;
}
