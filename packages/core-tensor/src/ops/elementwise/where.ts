import { runKernel } from "../../engine.js";
import { RnnkitError, shapeToString } from "../../errors.js";
import { Where } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { assertTensor, binaryOperands } from "../../util/to-tensor.js";
import { zerosLike } from "../creation/zeros.js";
import { sumToShape } from "../reduction/sum-to-shape.js";

/** NumPy broadcasting of the three shapes; the error names the op and all three. */
function whereShape(
  condition: readonly number[],
  a: readonly number[],
  b: readonly number[],
): number[] {
  const rank = Math.max(condition.length, a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    let size = 1;
    for (const shape of [condition, a, b]) {
      const d = shape[shape.length - rank + i] ?? 1;
      if (d === 1) continue;
      if (size !== 1 && d !== size) {
        throw new RnnkitError(
          "where",
          `shapes cannot be broadcast: condition is ${shapeToString(condition)}, a is ${shapeToString(a)}, b is ${shapeToString(b)}`,
        );
      }
      size = d;
    }
    out.push(size);
  }
  return out;
}

/**
 * Element-wise `condition ≠ 0 ? a : b`, all three broadcast together. The condition may have any
 * dtype; a and b share one (a number becomes a scalar of the other's dtype), which the result has.
 * @example where(greater(x, 0), x, 0) // relu
 */
export function where(condition: Tensor, a: Tensor | number, b: Tensor | number): Tensor {
  assertTensor("where", "condition", condition);
  const operands = binaryOperands("where", a, b);
  try {
    whereShape(condition.shape, operands.a.shape, operands.b.shape);
    return runKernel(Where, { condition, a: operands.a, b: operands.b });
  } finally {
    for (const t of operands.temporaries) t.dispose();
  }
}

/**
 * dy flows to a where the condition holds and to b elsewhere (each summed over its broadcast
 * axes); the condition gets a zero gradient (it is usually int32, which the engine skips anyway).
 */
export const whereGradConfig: GradConfig = {
  kernelName: Where,
  gradFunc: (dy, { inputs }) => {
    const condition = inputs.condition as Tensor;
    return {
      condition: () => zerosLike(condition),
      a: () => sumToShape(where(condition, dy, 0), (inputs.a as Tensor).shape),
      b: () => sumToShape(where(condition, 0, dy), (inputs.b as Tensor).shape),
    };
  },
};
