import { describeBackendConformance } from "@rnnkit/core-tensor/testing";
import { expect, it } from "vitest";
import { float32DeviceConformance } from "./conformance-options.js";
import { registerGpujsBackend } from "./register.js";

// webasm: gpu.js compiles each kernel to WebAssembly (no system dependencies)
const backend = registerGpujsBackend({ mode: "webasm" });
it("runs in webasm mode", () => expect(backend.mode).toBe("webasm"));
describeBackendConformance("gpujs", float32DeviceConformance);
