import type { Dtype } from "../dtype.js";
import type { KernelName } from "../kernel-names.js";
import type { NestedArray, Tensor } from "../tensor.js";
import type { CheckGradientOptions } from "./check-gradient.js";

/** An expected output: its shape and row-major values (and dtype when it differs from the case's). */
export interface ExpectedTensor {
  shape: number[];
  values: number[];
  dtype?: Dtype;
}

/** One fixed input → output pair for a kernel, run for every listed dtype. */
export interface ConformanceCase {
  kernel: KernelName;
  name: string;
  dtypes: readonly Dtype[];
  /** Builds the inputs in `dtype` and runs the op (inside a tidy). */
  run: (dtype: Dtype) => Tensor | Tensor[];
  expected: ExpectedTensor | ExpectedTensor[];
  /**
   * Whether `run` calls the kernel itself (default true). Cases of an optional kernel (OPTIONAL_KERNELS)
   * that go through its op (`direct: false`) run on every backend, with or without the kernel.
   */
  direct?: boolean;
}

/** A gradient check the suite runs on the backend in float64. */
export interface GradientCase {
  kernel: KernelName;
  name: string;
  f: (...xs: Tensor[]) => Tensor | Tensor[];
  inputs: NestedArray[];
  options?: CheckGradientOptions;
}
