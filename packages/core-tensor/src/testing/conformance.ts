/**
 * The backend conformance suite. A backend package runs it with three lines:
 *   import { describeBackendConformance } from "@rnnkit/core-tensor/testing";
 *   registerCpuBackend();
 *   describeBackendConformance("cpu");
 */
import { describe, expect, it } from "vitest";
import type { Dtype } from "../dtype.js";
import { memory, tidy } from "../engine.js";
import { ALL_KERNELS, type KernelName, OPTIONAL_KERNELS } from "../kernel-names.js";
import { listKernels, setBackend } from "../registry.js";
import type { Tensor } from "../tensor.js";
import { conformanceCases, gradientCases } from "./cases/index.js";
import { type CheckGradientOptions, checkGradient } from "./check-gradient.js";
import type { ExpectedTensor } from "./conformance-case.js";

export interface ConformanceOptions {
  /** Dtypes the backend supports (default all three). */
  dtypes?: readonly Dtype[];
  /** Tolerance per dtype: |actual − expected| ≤ atol + rtol·|expected|. */
  tolerance?: Partial<Record<Dtype, { atol: number; rtol: number }>>;
  /** Options passed to every gradient check (e.g. looser tolerances for a float32-only device). */
  gradient?: CheckGradientOptions;
  /** Skip the float64 gradient checks (a backend without float64). */
  skipGradients?: boolean;
}

const DEFAULT_TOLERANCE: Record<Dtype, { atol: number; rtol: number }> = {
  float32: { atol: 1e-5, rtol: 1e-5 },
  float64: { atol: 1e-12, rtol: 1e-12 },
  int32: { atol: 0, rtol: 0 },
};

export function expectTensor(
  actual: Tensor,
  expected: ExpectedTensor,
  dtype: Dtype,
  tolerance: { atol: number; rtol: number },
  label: string,
): void {
  expect(actual.shape, `${label}: shape`).toEqual(expected.shape);
  expect(actual.dtype, `${label}: dtype`).toBe(expected.dtype ?? dtype);
  const values = actual.dataSync();
  expect(values.length, `${label}: size`).toBe(expected.values.length);
  expected.values.forEach((want, i) => {
    const got = values[i] as number;
    if (Number.isNaN(want)) {
      expect(Number.isNaN(got), `${label}[${i}] is NaN`).toBe(true);
      return;
    }
    if (!Number.isFinite(want)) {
      expect(got, `${label}[${i}]`).toBe(want);
      return;
    }
    const bound = tolerance.atol + tolerance.rtol * Math.abs(want);
    if (!(Math.abs(got - want) <= bound)) {
      expect.fail(
        `${label}[${i}]: expected ${want}, got ${got} (tolerance ${bound.toExponential(1)})`,
      );
    }
  });
}

export function describeBackendConformance(
  backendName: string,
  options: ConformanceOptions = {},
): void {
  const dtypes = options.dtypes ?? ["float32", "float64", "int32"];
  const tolerance = { ...DEFAULT_TOLERANCE, ...options.tolerance };

  // cases that call an optional kernel directly run only where the backend registered it
  const registered = new Set(listKernels(backendName));
  const optional = new Set<string>(OPTIONAL_KERNELS);
  const runs = (kernel: KernelName, direct = true) =>
    !direct || !optional.has(kernel) || registered.has(kernel);

  describe(`backend conformance: ${backendName}`, () => {
    it("registers every kernel of core-tensor", () => {
      const registered = new Set(listKernels(backendName));
      expect(ALL_KERNELS.filter((k) => !registered.has(k))).toEqual([]);
    });

    for (const testCase of conformanceCases) {
      if (!runs(testCase.kernel, testCase.direct)) continue;
      for (const dtype of testCase.dtypes.filter((d) => dtypes.includes(d))) {
        it(`${testCase.kernel}: ${testCase.name} (${dtype})`, () => {
          setBackend(backendName);
          const before = memory().numTensors;
          tidy(() => {
            const out = testCase.run(dtype);
            const outs = Array.isArray(out) ? out : [out];
            const expected = Array.isArray(testCase.expected)
              ? testCase.expected
              : [testCase.expected];
            expect(outs.length, "number of outputs").toBe(expected.length);
            outs.forEach((o, i) => {
              const want = expected[i] as ExpectedTensor;
              expectTensor(o, want, dtype, tolerance[want.dtype ?? dtype], `output ${i}`);
            });
          });
          expect(memory().numTensors, "tensors leaked by the case").toBe(before);
        });
      }
    }

    if (!options.skipGradients) {
      for (const gradientCase of gradientCases) {
        it(`${gradientCase.kernel} gradient: ${gradientCase.name} (float64 central differences)`, () => {
          setBackend(backendName);
          const before = memory().numTensors;
          const result = checkGradient(gradientCase.f, gradientCase.inputs, {
            ...gradientCase.options,
            ...options.gradient,
          });
          expect(result.checked).toBeGreaterThan(0);
          expect(memory().numTensors, "tensors leaked by the gradient check").toBe(before);
        });
      }
    }
  });
}
