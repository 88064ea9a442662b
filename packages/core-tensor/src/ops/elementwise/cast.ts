import { DTYPES, type Dtype } from "../../dtype.js";
import { runKernel } from "../../engine.js";
import { RnnkitError } from "../../errors.js";
import { Cast, type CastAttrs } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { assertTensor } from "../../util/to-tensor.js";

/**
 * Converts to `dtype` (always a new tensor). Float → int32 truncates toward zero like Math.trunc
 * (values outside the int32 range wrap, NaN and ±∞ become 0); float64 → float32 rounds to nearest.
 */
export function cast(x: Tensor, dtype: Dtype): Tensor {
  assertTensor("cast", "x", x);
  if (!DTYPES.includes(dtype)) {
    throw new RnnkitError(
      "cast",
      `unknown dtype ${JSON.stringify(dtype)}; expected "float32", "float64" or "int32"`,
    );
  }
  const attrs: CastAttrs = { dtype };
  return runKernel(Cast, { x }, attrs);
}

/**
 * A float → float cast passes dy through, cast back to the input's dtype. An int32 input gets no
 * gradient (the engine skips it), and an int32 output is not differentiable.
 */
export const castGradConfig: GradConfig = {
  kernelName: Cast,
  gradFunc: (dy, { inputs }) => ({ x: () => cast(dy, (inputs.x as Tensor).dtype) }),
};
