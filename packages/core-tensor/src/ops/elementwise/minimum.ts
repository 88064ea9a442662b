import { runKernel } from "../../engine.js";
import { Minimum } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { broadcastShapes } from "../../util/shape.js";
import { binaryOperands } from "../../util/to-tensor.js";
import { sumToShape } from "../reduction/sum-to-shape.js";
import { lessEqual } from "./less-equal.js";
import { where } from "./where.js";

/** Element-wise min(a, b) (NaN if either is NaN) with broadcasting; float32, float64, int32. */
export function minimum(a: Tensor | number, b: Tensor | number): Tensor {
  const operands = binaryOperands("minimum", a, b);
  try {
    broadcastShapes("minimum", operands.a.shape, operands.b.shape);
    return runKernel(Minimum, { a: operands.a, b: operands.b });
  } finally {
    for (const t of operands.temporaries) t.dispose();
  }
}

/** dy goes to a where a ≤ b (the smaller; a on ties), to b elsewhere; each summed over its broadcast axes. */
export const minimumGradConfig: GradConfig = {
  kernelName: Minimum,
  gradFunc: (dy, { inputs }) => {
    const a = inputs.a as Tensor;
    const b = inputs.b as Tensor;
    return {
      a: () => sumToShape(where(lessEqual(a, b), dy, 0), a.shape),
      b: () => sumToShape(where(lessEqual(a, b), 0, dy), b.shape),
    };
  },
};
