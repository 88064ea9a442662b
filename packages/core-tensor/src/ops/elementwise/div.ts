import { runKernel } from "../../engine.js";
import { Div } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { broadcastShapes } from "../../util/shape.js";
import { assertFloat, binaryOperands } from "../../util/to-tensor.js";
import { sumToShape } from "../reduction/sum-to-shape.js";
import { mul } from "./mul.js";
import { neg } from "./neg.js";
import { square } from "./square.js";

/** Element-wise a / b with broadcasting (float only; x/0 gives ±∞ or NaN). */
export function div(a: Tensor | number, b: Tensor | number): Tensor {
  const operands = binaryOperands("div", a, b);
  try {
    assertFloat("div", "a", operands.a);
    broadcastShapes("div", operands.a.shape, operands.b.shape);
    return runKernel(Div, { a: operands.a, b: operands.b });
  } finally {
    for (const t of operands.temporaries) t.dispose();
  }
}

/** d(a/b)/da = dy / b, d(a/b)/db = −dy·a / b², each summed over its broadcast axes. */
export const divGradConfig: GradConfig = {
  kernelName: Div,
  gradFunc: (dy, { inputs }) => {
    const a = inputs.a as Tensor;
    const b = inputs.b as Tensor;
    return {
      a: () => sumToShape(div(dy, b), a.shape),
      b: () => sumToShape(neg(div(mul(dy, a), square(b))), b.shape),
    };
  },
};
