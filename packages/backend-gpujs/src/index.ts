export { GpujsBackend } from "./backend-gpujs.js";
export { float32DeviceConformance } from "./conformance-options.js";
export type { Device, DeviceBuffer } from "./device/device.js";
export type { DawnBackend } from "./device/platform.js";
export type { Program } from "./device/program.js";
export { DEFAULT_GPUJS_MODE, GPUJS_MODES, type GpujsMode, resolveGpujsMode } from "./gpujs-mode.js";
export {
  createGpujsBackend,
  type GpujsBackendOptions,
  gpujsKernelConfigs,
  registerGpujsBackend,
} from "./register.js";
