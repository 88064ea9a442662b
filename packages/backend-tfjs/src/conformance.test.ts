import { describeBackendConformance } from "@rnnkit/core-tensor/testing";
import { expect, it } from "vitest";
import { registerTfjsBackend } from "./register.js";

// tfjs-node where it loads, else wasm (CI: wasm; conformance-cpu.test.ts runs tfjs's cpu backend)
const info = await registerTfjsBackend();

it("reports the runtime it picked", () => {
  expect(["tensorflow", "wasm"]).toContain(info.runtime);
});

// tfjs has no float64: float64 tensors are held and computed as float32 (read back as Float64Array),
// so float64 gets float32's tolerance, and the float64 gradient checks run with a larger step
// (central differences of float32 sums lose ~1e-7·|L|/ε) and tolerances that still catch any
// wrong formula (those miss by O(1) relative).
describeBackendConformance("tfjs", {
  tolerance: { float64: { atol: 1e-5, rtol: 1e-5 } },
  gradient: { epsilon: 1e-2, atol: 2e-3, rtol: 2e-3 },
});
