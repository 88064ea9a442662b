import { runKernel } from "../../engine.js";
import { Sub } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { broadcastShapes } from "../../util/shape.js";
import { binaryOperands } from "../../util/to-tensor.js";
import { sumToShape } from "../reduction/sum-to-shape.js";
import { neg } from "./neg.js";

/** Element-wise a − b with broadcasting; a number operand becomes a scalar of the other's dtype. */
export function sub(a: Tensor | number, b: Tensor | number): Tensor {
  const operands = binaryOperands("sub", a, b);
  broadcastShapes("sub", operands.a.shape, operands.b.shape);
  const out = runKernel(Sub, { a: operands.a, b: operands.b });
  for (const t of operands.temporaries) t.dispose();
  return out;
}

/** d(a−b)/da = dy, d(a−b)/db = −dy, each summed over the axes it was broadcast along. */
export const subGradConfig: GradConfig = {
  kernelName: Sub,
  gradFunc: (dy, { inputs }) => ({
    a: () => sumToShape(dy, (inputs.a as Tensor).shape),
    b: () => sumToShape(neg(dy), (inputs.b as Tensor).shape),
  }),
};
