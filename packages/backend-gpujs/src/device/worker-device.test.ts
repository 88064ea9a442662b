import { afterEach, describe, expect, it } from "vitest";
import { createGpujsBackend } from "../register.js";

// A bundled program has no node_modules for the webgpu worker to load gpu.js and webgpu from; the
// environment names the files instead (tooling/gpu-bench). A missing file must be the error.
describe("webgpu worker: package paths from the environment", () => {
  afterEach(() => {
    delete process.env.RNNKIT_WEBGPU_PATH;
    delete process.env.RNNKIT_GPUJS_PATH;
  });

  it("RNNKIT_WEBGPU_PATH replaces the resolved webgpu package", () => {
    process.env.RNNKIT_WEBGPU_PATH = "/nonexistent/rnnkit-webgpu.js";
    expect(() => createGpujsBackend({ mode: "webgpu" })).toThrow(
      /unavailable.*nonexistent\/rnnkit-webgpu\.js/s,
    );
  });

  it("RNNKIT_GPUJS_PATH replaces the resolved gpu.js package", () => {
    process.env.RNNKIT_GPUJS_PATH = "/nonexistent/rnnkit-gpujs.cjs";
    expect(() => createGpujsBackend({ mode: "webgpu", dawnBackend: "opengles" })).toThrow(
      /unavailable.*nonexistent\/rnnkit-gpujs\.cjs/s,
    );
  });

  it("an empty variable is ignored", () => {
    process.env.RNNKIT_GPUJS_PATH = "";
    const backend = createGpujsBackend({ mode: "webgpu", dawnBackend: "opengles" });
    expect(backend.adapter).toMatch(/via Dawn/);
    backend.dispose();
  });
});
