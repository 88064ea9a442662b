import * as tf from "@tensorflow/tfjs";

/** The tfjs backend that does the math: native TensorFlow (tfjs-node), WebAssembly, or pure JS. */
export type TfjsRuntimeName = "tensorflow" | "wasm" | "cpu";

export interface TfjsRuntimeInfo {
  /** "tensorflow" (@tensorflow/tfjs-node, native), "wasm" (@tensorflow/tfjs-backend-wasm) or "cpu". */
  readonly runtime: TfjsRuntimeName;
  /** Version of @tensorflow/tfjs-core in use. */
  readonly tfjsVersion: string;
  /** Why @tensorflow/tfjs-node does not run (absent when it does). */
  readonly tfjsNodeUnavailable?: string;
  /** Why the wasm backend does not run, when the runtime fell back to cpu. */
  readonly wasmUnavailable?: string;
  /** wasm only: whether the binary uses SIMD and threads (threads are off in Node). */
  readonly wasmFeatures?: { simd: boolean; threads: boolean };
}

export interface LoadTfjsOptions {
  /**
   * "auto" (default): tfjs-node if it is installed and loads, else wasm, else cpu. Naming a runtime
   * uses that one or throws (no fallback).
   */
  runtime?: "auto" | TfjsRuntimeName;
  /** Where the wasm binaries are served from (browsers; `setWasmPaths` of tfjs-backend-wasm). */
  wasmPaths?: string;
}

// A variable, not a literal: the optional package need not exist for TypeScript or bundlers.
const TFJS_NODE = "@tensorflow/tfjs-node";

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0]?.trim() ?? text;
}

/** Loads @tensorflow/tfjs-node if it is installed and its native addon loads; the error otherwise. */
async function tryTfjsNode(): Promise<string | undefined> {
  try {
    await import(TFJS_NODE);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      return "@tensorflow/tfjs-node is not installed";
    }
    return `@tensorflow/tfjs-node is installed but does not load: ${message(error)}`;
  }
  if (!(await tf.setBackend("tensorflow"))) {
    return "@tensorflow/tfjs-node loaded but its tensorflow backend failed to initialize";
  }
  return undefined;
}

async function tryWasm(wasmPaths: string | undefined): Promise<string | undefined> {
  try {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    if (wasmPaths !== undefined) wasm.setWasmPaths(wasmPaths);
    if (await tf.setBackend("wasm")) return undefined;
    return "the wasm backend failed to initialize";
  } catch (error) {
    return `the wasm backend failed to load: ${message(error)}`;
  }
}

/**
 * Picks and initializes the tfjs backend that rnnkit's "tfjs" backend will run on (a global choice
 * of tfjs: `tf.setBackend`). Resolves once it is ready.
 */
export async function loadTfjs(options: LoadTfjsOptions = {}): Promise<TfjsRuntimeInfo> {
  const wanted = options.runtime ?? "auto";
  const tfjsVersion = tf.version_core;
  let tfjsNodeUnavailable: string | undefined = "not requested";
  if (wanted === "auto" || wanted === "tensorflow") {
    tfjsNodeUnavailable = await tryTfjsNode();
    if (tfjsNodeUnavailable === undefined) return { runtime: "tensorflow", tfjsVersion };
    if (wanted === "tensorflow") {
      throw new Error(
        `registerTfjsBackend: runtime "tensorflow" requested: ${tfjsNodeUnavailable}`,
      );
    }
  }
  let wasmUnavailable: string | undefined = "not requested";
  if (wanted === "auto" || wanted === "wasm") {
    wasmUnavailable = await tryWasm(options.wasmPaths);
    if (wasmUnavailable === undefined) {
      const wasmFeatures = {
        simd: Boolean(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")),
        threads: Boolean(await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT")),
      };
      return { runtime: "wasm", tfjsVersion, tfjsNodeUnavailable, wasmFeatures };
    }
    if (wanted === "wasm") {
      throw new Error(`registerTfjsBackend: runtime "wasm" requested: ${wasmUnavailable}`);
    }
  }
  if (!(await tf.setBackend("cpu"))) {
    throw new Error("registerTfjsBackend: the tfjs cpu backend failed to initialize");
  }
  return { runtime: "cpu", tfjsVersion, tfjsNodeUnavailable, wasmUnavailable };
}
