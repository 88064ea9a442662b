import type { TfjsRuntimeInfo } from "./load-tfjs.js";

/** One line: what runs, what float64 means here, and why a faster runtime is not used. */
export function describeTfjsRuntime(info: TfjsRuntimeInfo): string {
  const parts = [`tfjs ${info.tfjsVersion} on ${info.runtime}`];
  if (info.runtime === "tensorflow") parts[0] += " (native TensorFlow via @tensorflow/tfjs-node)";
  if (info.wasmFeatures !== undefined) {
    const { simd, threads } = info.wasmFeatures;
    parts[0] += ` (SIMD ${simd ? "on" : "off"}, threads ${threads ? "on" : "off"})`;
  }
  parts.push("float64 is held and computed as float32");
  if (info.runtime !== "tensorflow" && info.tfjsNodeUnavailable !== undefined) {
    parts.push(`tfjs-node: ${info.tfjsNodeUnavailable}`);
  }
  if (info.runtime === "cpu" && info.wasmUnavailable !== undefined) {
    parts.push(`wasm: ${info.wasmUnavailable}`);
  }
  return parts.join("; ");
}
