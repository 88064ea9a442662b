import type { ConformanceOptions } from "@rnnkit/core-tensor/testing";

/**
 * Conformance options for a float32 device (every gpu.js mode computes and stores float32, float64
 * tensors included). Values: within 2e-5 absolute + 2e-5 relative of the float64 expectations.
 * Gradients: the suite's float64 central differences cannot resolve float32 losses at ε = 1e-6
 * (rounding noise / 2ε ≈ 0.1), so the step is 1e-2 (noise ≈ 1e-4, truncation ≈ ε²·f‴/6) with
 * tolerances of 2e-3 + 1e-2·|numeric|: a wrong formula (a swapped operand, a missing factor) is
 * still off by far more.
 */
export const float32DeviceConformance: ConformanceOptions = {
  tolerance: {
    float32: { atol: 2e-5, rtol: 2e-5 },
    float64: { atol: 2e-5, rtol: 2e-5 },
  },
  gradient: { epsilon: 1e-2, atol: 2e-3, rtol: 1e-2 },
};
