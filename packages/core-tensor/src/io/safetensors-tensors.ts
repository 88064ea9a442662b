import { tensor } from "../ops/creation/tensor.js";
import type { Tensor } from "../tensor.js";
import { decodeSafetensors, encodeSafetensors, type SafetensorsEntry } from "./safetensors.js";

/**
 * Reads each tensor's values (synchronously) and writes them as a safetensors file.
 * @example writeFileSync("weights.safetensors", tensorsToSafetensors({ kernel: layer.kernel }))
 */
export function tensorsToSafetensors(
  record: Record<string, Tensor>,
  metadata?: Record<string, string>,
): Uint8Array {
  const entries: [string, SafetensorsEntry][] = Object.entries(record).map(([name, t]) => [
    name,
    { dtype: t.dtype, shape: [...t.shape], values: t.dataSync() },
  ]);
  return encodeSafetensors(Object.fromEntries(entries), metadata);
}

/** Decodes a safetensors file into tensors on the active backend (see `decodeSafetensors` for dtypes). */
export function safetensorsToTensors(bytes: Uint8Array): {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
} {
  const { tensors, metadata } = decodeSafetensors(bytes);
  const created: [string, Tensor][] = Object.entries(tensors).map(([name, entry]) => [
    name,
    tensor(entry.values, entry.shape, entry.dtype),
  ]);
  return { tensors: Object.fromEntries(created), metadata };
}
