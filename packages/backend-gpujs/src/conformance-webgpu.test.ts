import { describeBackendConformance } from "@rnnkit/core-tensor/testing";
import { expect, it } from "vitest";
import { float32DeviceConformance } from "./conformance-options.js";
import { registerGpujsBackend } from "./register.js";

// webgpu: WGSL kernels on Dawn (npm `webgpu` 0.6.2) in a worker thread; on a machine without a GPU
// Dawn's OpenGL ES backend runs them on Mesa (llvmpipe) through a surfaceless EGL display
const backend = registerGpujsBackend({ mode: "webgpu" });
it("runs in webgpu mode on a Dawn adapter", () => {
  expect(backend.mode).toBe("webgpu");
  expect(backend.adapter).toMatch(/via Dawn/);
});
describeBackendConformance("gpujs", float32DeviceConformance);
