import type { Device } from "./device.js";
import type { GpujsModule } from "./gpujs-module.js";

/** Which Dawn backend the worker asks for: `auto` tries Dawn's default (Vulkan), then OpenGL ES. */
export type DawnBackend = "auto" | "default" | "vulkan" | "opengles";

export interface WebgpuDeviceOptions {
  dawnBackend?: DawnBackend;
  /** More Dawn toggles for `create()`, e.g. `["enable-dawn-features=…"]`. */
  dawnFlags?: readonly string[];
}

/**
 * What differs between Node and a browser. `#device-platform` (package.json `imports`) resolves to
 * `platform-node.ts` by default and to `platform-browser.ts` under the `browser` condition, so a
 * browser bundle never sees `node:module` or `node:worker_threads`.
 */
export interface DevicePlatform {
  /** `"node"` or `"browser"`. */
  readonly name: string;
  /** gpu.js: Node's CommonJS build, or the browser build (`dist/gpu-browser.js`). */
  loadGpujs(): GpujsModule;
  /** The `webgpu` device, or an error saying why it cannot run here. */
  createWebgpuDevice(options: WebgpuDeviceOptions): Device;
}
