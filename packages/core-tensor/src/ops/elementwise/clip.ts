import { RnnkitError } from "../../errors.js";
import type { Tensor } from "../../tensor.js";
import { assertTensor } from "../../util/to-tensor.js";
import { maximum } from "./maximum.js";
import { minimum } from "./minimum.js";

/**
 * Element-wise min(max(x, min), max). Composite, so its gradient comes from maximum and minimum:
 * dy where min ≤ x ≤ max, 0 elsewhere.
 */
export function clip(x: Tensor, min: number, max: number): Tensor {
  assertTensor("clip", "x", x);
  if (
    typeof min !== "number" ||
    typeof max !== "number" ||
    Number.isNaN(min) ||
    Number.isNaN(max)
  ) {
    throw new RnnkitError(
      "clip",
      `min and max must be numbers, got ${String(min)} and ${String(max)}`,
    );
  }
  if (min > max) throw new RnnkitError("clip", `min must be ≤ max, got min ${min}, max ${max}`);
  const low = maximum(x, min);
  const out = minimum(low, max);
  low.dispose();
  return out;
}
