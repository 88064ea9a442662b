import type { Dtype, Rng, Tensor } from "@rnnkit/core-tensor";

export interface InitializerOptions {
  dtype?: Dtype;
  rng?: Rng;
}

/** Makes a fresh parameter value of a given shape. */
export type Initializer = (shape: readonly number[], options?: InitializerOptions) => Tensor;
