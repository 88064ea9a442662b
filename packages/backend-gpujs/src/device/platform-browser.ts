import { RnnkitError } from "@rnnkit/core-tensor";
// a bundler's `browser` field resolves this to gpu.js's browser build, whose export is the GPU
// class carrying every other export (GPU.WebGL2Kernel, GPU.CPUKernel, …) as a property
import gpujs from "gpu.js";
import type { GpujsModule } from "./gpujs-module.js";
import type { DevicePlatform } from "./platform.js";

/**
 * Browsers: gpu.js in the page's thread (webgl2, webgl, webasm, cpu; their kernel calls and
 * `toArray()` readbacks are synchronous). `webgpu` throws: WebGPU answers only through Promises,
 * and rnnkit's Backend is synchronous; Node blocks on a device worker with `Atomics.wait`, which a
 * page's main thread does not allow, and a Web Worker device is not implemented.
 */
export const platform: DevicePlatform = {
  name: "browser",
  loadGpujs: () => gpujs as unknown as GpujsModule,
  createWebgpuDevice: () => {
    throw new RnnkitError(
      "gpujs backend",
      'mode "webgpu" is unavailable in a browser: WebGPU answers only through Promises while rnnkit\'s ' +
        "Backend is synchronous, and waiting on a device worker (Atomics.wait) is not allowed on a " +
        'page\'s main thread; this version has no Web Worker device: use mode "webgl2" (or run webgpu in Node)',
    );
  },
};
