import { runKernel } from "../../engine.js";
import { Add } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { broadcastShapes } from "../../util/shape.js";
import { binaryOperands } from "../../util/to-tensor.js";
import { sumToShape } from "../reduction/sum-to-shape.js";

/**
 * Element-wise a + b with broadcasting; a number operand becomes a scalar of the other's dtype.
 * @example add(tensor([1, 2]), tensor([10, 20])) // [11, 22]
 */
export function add(a: Tensor | number, b: Tensor | number): Tensor {
  const operands = binaryOperands("add", a, b);
  broadcastShapes("add", operands.a.shape, operands.b.shape);
  const out = runKernel(Add, { a: operands.a, b: operands.b });
  for (const t of operands.temporaries) t.dispose();
  return out;
}

/** d(a+b)/da = dy, d(a+b)/db = dy, each summed over the axes it was broadcast along. */
export const addGradConfig: GradConfig = {
  kernelName: Add,
  gradFunc: (dy, { inputs }) => ({
    a: () => sumToShape(dy, (inputs.a as Tensor).shape),
    b: () => sumToShape(dy, (inputs.b as Tensor).shape),
  }),
};
