import { type KernelConfig, registerBackend, registerKernel } from "@rnnkit/core-tensor";
import { platform } from "#device-platform";
import { GpujsBackend } from "./backend-gpujs.js";
import type { Device } from "./device/device.js";
import { InlineDevice } from "./device/inline-device.js";
import type { DawnBackend } from "./device/platform.js";
import { resolveGpujsMode } from "./gpujs-mode.js";
import { elementwiseKernelConfigs } from "./kernels/elementwise/index.js";
import { fusedKernelConfigs } from "./kernels/fused/index.js";
import { linalgKernelConfigs } from "./kernels/linalg/index.js";
import { movementKernelConfigs } from "./kernels/movement/index.js";
import { reductionKernelConfigs } from "./kernels/reduction/index.js";

export interface GpujsBackendOptions {
  /**
   * The gpu.js mode: `webgpu`, `headlessgl`, `webgl2`, `webgl`, `webasm` or `cpu`. Default: the
   * `RNNKIT_GPUJS_MODE` environment variable, else `webasm`. Never auto-detected, never degraded:
   * an unavailable mode throws.
   */
  mode?: string;
  /** webgpu: Dawn's backend (default `DAWN_BACKEND`, else `auto`: Vulkan, then OpenGL ES). */
  dawnBackend?: DawnBackend;
  /** webgpu: more Dawn flags (default: `DAWN_FLAGS`, split on spaces or commas). */
  dawnFlags?: readonly string[];
}

/** Every gpu.js kernel; adding a kernel = one file in kernels/<family>/ + one line in that family's index. */
export const gpujsKernelConfigs: readonly KernelConfig<GpujsBackend>[] = [
  ...elementwiseKernelConfigs,
  ...reductionKernelConfigs,
  ...linalgKernelConfigs,
  ...movementKernelConfigs,
  ...fusedKernelConfigs,
];

/** A gpu.js backend in the requested mode (throws if that mode cannot run here). */
export function createGpujsBackend(options: GpujsBackendOptions = {}): GpujsBackend {
  const mode = resolveGpujsMode(options.mode);
  const device: Device =
    mode === "webgpu"
      ? platform.createWebgpuDevice({
          ...(options.dawnBackend !== undefined && { dawnBackend: options.dawnBackend }),
          ...(options.dawnFlags !== undefined && { dawnFlags: options.dawnFlags }),
        })
      : new InlineDevice(mode);
  return new GpujsBackend(device);
}

/**
 * Registers the "gpujs" backend and its kernels, and returns the backend (its `mode` is the mode
 * running). The device starts now, so an unavailable mode throws here. Priority 2: once
 * registered it is the default over "cpu" (priority 1) unless `setBackend` says otherwise.
 * Registering again replaces the previous instance (and frees its device).
 */
export function registerGpujsBackend(options: GpujsBackendOptions = {}): GpujsBackend {
  const backend = createGpujsBackend(options);
  let fresh: GpujsBackend | undefined = backend;
  registerBackend(
    "gpujs",
    () => {
      const instance = fresh ?? createGpujsBackend(options);
      fresh = undefined;
      return instance;
    },
    2,
  );
  for (const config of gpujsKernelConfigs) registerKernel(config);
  return backend;
}
