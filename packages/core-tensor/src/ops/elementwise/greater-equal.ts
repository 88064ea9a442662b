import { runKernel } from "../../engine.js";
import { GreaterEqual } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { broadcastShapes } from "../../util/shape.js";
import { binaryOperands } from "../../util/to-tensor.js";
import { zerosLike } from "../creation/zeros.js";

/** Element-wise a ≥ b with broadcasting, as int32 1 or 0 (a and b of the same dtype). */
export function greaterEqual(a: Tensor | number, b: Tensor | number): Tensor {
  const operands = binaryOperands("greaterEqual", a, b);
  try {
    broadcastShapes("greaterEqual", operands.a.shape, operands.b.shape);
    return runKernel(GreaterEqual, { a: operands.a, b: operands.b });
  } finally {
    for (const t of operands.temporaries) t.dispose();
  }
}

/** A comparison is piecewise constant: zero gradient for both inputs. */
export const greaterEqualGradConfig: GradConfig = {
  kernelName: GreaterEqual,
  gradFunc: (_dy, { inputs }) => ({
    a: () => zerosLike(inputs.a as Tensor),
    b: () => zerosLike(inputs.b as Tensor),
  }),
};
