import {
  type KernelConfig,
  listBackends,
  registerBackend,
  registerKernel,
} from "@rnnkit/core-tensor";
import { TfjsBackend } from "./backend-tfjs.js";
import { elementwiseKernelConfigs } from "./kernels/elementwise/index.js";
import { fusedKernelConfigs } from "./kernels/fused/index.js";
import { linalgKernelConfigs } from "./kernels/linalg/index.js";
import { movementKernelConfigs } from "./kernels/movement/index.js";
import { reductionKernelConfigs } from "./kernels/reduction/index.js";
import { type LoadTfjsOptions, loadTfjs, type TfjsRuntimeInfo } from "./load-tfjs.js";

/** Every tfjs kernel; adding a kernel = one file in kernels/<family>/ + one line in that family's index. */
export const tfjsKernelConfigs: readonly KernelConfig<TfjsBackend>[] = [
  ...elementwiseKernelConfigs,
  ...reductionKernelConfigs,
  ...linalgKernelConfigs,
  ...movementKernelConfigs,
  ...fusedKernelConfigs,
];

export interface RegisterTfjsBackendOptions extends LoadTfjsOptions {
  /** Priority in rnnkit's backend registry (default 2: chosen over "cpu" (1) when none was set). */
  priority?: number;
}

let registration: { promise: Promise<TfjsRuntimeInfo>; settled: boolean } | undefined;

/**
 * Registers the "tfjs" backend and its kernels. Asynchronous because tfjs must initialize its own
 * backend first (tfjs-node's native library or the wasm binary); await it before `setBackend("tfjs")`.
 * The first call picks the runtime (tfjs-node when it loads, else wasm, else cpu); later calls
 * return the same info until `removeBackend("tfjs")`. Resolves to what runs (`describeTfjsRuntime`).
 */
export function registerTfjsBackend(
  options: RegisterTfjsBackendOptions = {},
): Promise<TfjsRuntimeInfo> {
  if (registration?.settled && !listBackends().includes("tfjs")) registration = undefined;
  if (registration === undefined) {
    const entry = { settled: false, promise: Promise.resolve({} as TfjsRuntimeInfo) };
    entry.promise = (async () => {
      try {
        const info = await loadTfjs(options);
        registerBackend("tfjs", () => new TfjsBackend(info), options.priority ?? 2);
        for (const config of tfjsKernelConfigs) registerKernel(config);
        return info;
      } finally {
        entry.settled = true;
      }
    })();
    registration = entry;
  }
  return registration.promise;
}
