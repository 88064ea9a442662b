import { describeBackendConformance } from "@rnnkit/core-tensor/testing";
import { expect, it } from "vitest";
import { float32DeviceConformance } from "./conformance-options.js";
import { registerGpujsBackend } from "./register.js";

// cpu: gpu.js runs the kernel source as JavaScript (float64 arithmetic, float32 results), the
// reference the device modes are compared against
const backend = registerGpujsBackend({ mode: "cpu" });
it("runs in cpu mode", () => expect(backend.mode).toBe("cpu"));
describeBackendConformance("gpujs", float32DeviceConformance);
