import { runKernel } from "../../engine.js";
import { Pow } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { broadcastShapes } from "../../util/shape.js";
import { assertFloat, binaryOperands } from "../../util/to-tensor.js";
import { sumToShape } from "../reduction/sum-to-shape.js";
import { greater } from "./greater.js";
import { log } from "./log.js";
import { mul } from "./mul.js";
import { sub } from "./sub.js";
import { where } from "./where.js";

/** Element-wise aᵇ with broadcasting (float only; a negative base with a fractional b gives NaN). */
export function pow(a: Tensor | number, b: Tensor | number): Tensor {
  const operands = binaryOperands("pow", a, b);
  try {
    assertFloat("pow", "a", operands.a);
    broadcastShapes("pow", operands.a.shape, operands.b.shape);
    return runKernel(Pow, { a: operands.a, b: operands.b });
  } finally {
    for (const t of operands.temporaries) t.dispose();
  }
}

/**
 * d(aᵇ)/da = b·aᵇ⁻¹; d(aᵇ)/db = aᵇ·log a = y·log a, defined for a > 0 only: where a ≤ 0 the
 * exponent gets 0 (log is taken of 1 there, so no NaN leaks in).
 */
export const powGradConfig: GradConfig = {
  kernelName: Pow,
  gradFunc: (dy, { inputs, outputs }) => {
    const a = inputs.a as Tensor;
    const b = inputs.b as Tensor;
    const y = outputs[0] as Tensor;
    return {
      a: () => sumToShape(mul(dy, mul(b, pow(a, sub(b, 1)))), a.shape),
      b: () => {
        const safeLogA = log(where(greater(a, 0), a, 1));
        return sumToShape(mul(dy, mul(y, safeLogA)), b.shape);
      },
    };
  },
};
