import { describeBackendConformance } from "@rnnkit/core-tensor/testing";
import { expect, it } from "vitest";
import { registerTfjsBackend } from "./register.js";

// The same suite on tfjs's pure-JS cpu backend, the last fallback (tolerances as in conformance.test.ts).
const info = await registerTfjsBackend({ runtime: "cpu" });

it("runs on tfjs's cpu backend", () => {
  expect(info.runtime).toBe("cpu");
});

describeBackendConformance("tfjs", {
  tolerance: { float64: { atol: 1e-5, rtol: 1e-5 } },
  gradient: { epsilon: 1e-2, atol: 2e-3, rtol: 2e-3 },
});
