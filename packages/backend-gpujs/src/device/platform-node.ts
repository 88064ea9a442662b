import { createRequire } from "node:module";
import type { GpujsModule } from "./gpujs-module.js";
import type { DevicePlatform } from "./platform.js";
import { WorkerDevice } from "./worker-device.js";

const require = createRequire(import.meta.url);

/** Node: gpu.js's CommonJS build, and webgpu through Dawn in a worker thread. */
export const platform: DevicePlatform = {
  name: "node",
  loadGpujs: () => require("gpu.js") as GpujsModule,
  createWebgpuDevice: (options) => new WorkerDevice(options),
};
