import { runKernel } from "../../engine.js";
import { Mul } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { broadcastShapes } from "../../util/shape.js";
import { binaryOperands } from "../../util/to-tensor.js";
import { sumToShape } from "../reduction/sum-to-shape.js";

/** Element-wise a · b with broadcasting. */
export function mul(a: Tensor | number, b: Tensor | number): Tensor {
  const operands = binaryOperands("mul", a, b);
  broadcastShapes("mul", operands.a.shape, operands.b.shape);
  const out = runKernel(Mul, { a: operands.a, b: operands.b });
  for (const t of operands.temporaries) t.dispose();
  return out;
}

/** d(a·b)/da = dy·b, d(a·b)/db = dy·a */
export const mulGradConfig: GradConfig = {
  kernelName: Mul,
  gradFunc: (dy, { inputs }) => {
    const a = inputs.a as Tensor;
    const b = inputs.b as Tensor;
    return {
      a: () => sumToShape(mul(dy, b), a.shape),
      b: () => sumToShape(mul(dy, a), b.shape),
    };
  },
};
