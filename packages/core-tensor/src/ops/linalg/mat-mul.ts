import { runKernel } from "../../engine.js";
import { MatMul, type MatMulAttrs } from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { sameShape, sizeFromShape } from "../../util/shape.js";
import { reshape } from "../movement/reshape.js";
import { sum } from "../reduction/sum.js";
import { checkMatMulOperands } from "./check-mat-mul-operands.js";

/**
 * Matrix product op(a) · op(b), where op(x) = xᵀ (of the last two axes) when its flag is set.
 * Rank 2, or batched: a [...batch, M, K] times b [...batch, K, N] → [...batch, M, N]. The batch
 * dimensions must be equal, or one operand's batch size must be 1 (a rank-2 operand is reused for
 * every batch of the other). float32 and float64 only (int32 is rejected: cast first).
 * @example matMul(tensor([[1, 2], [3, 4]]), tensor([[5], [6]])) // [[17], [39]]
 */
export function matMul(a: Tensor, b: Tensor, transposeA = false, transposeB = false): Tensor {
  checkMatMulOperands("matMul", a, b, transposeA, transposeB);
  const attrs: MatMulAttrs = { transposeA, transposeB };
  return runKernel(MatMul, { a, b }, attrs);
}

/**
 * Sums a gradient computed per batch, g [...batch, r, c], back to the shape of an operand that was
 * reused for every batch (batch size 1).
 */
function sumToOperand(g: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const r = g.shape[g.rank - 2] as number;
  const c = g.shape[g.rank - 1] as number;
  return reshape(sum(reshape(g, [-1, r, c]), 0), shape);
}

/**
 * With C = op(A)·op(B) and dC = dy:
 *   plain:        dA = dy·Bᵀ,   dB = Aᵀ·dy
 *   transposeA:   dA = B·dyᵀ,   dB = A·dy
 *   transposeB:   dA = dy·B,    dB = dyᵀ·A
 *   both:         dA = Bᵀ·dyᵀ,  dB = dyᵀ·Aᵀ
 * An operand reused across batches gets the sum over the batches.
 */
export const matMulGradConfig: GradConfig = {
  kernelName: MatMul,
  gradFunc: (dy, { inputs, attrs }) => {
    const a = inputs.a as Tensor;
    const b = inputs.b as Tensor;
    const { transposeA, transposeB } = attrs as MatMulAttrs;
    return {
      a: () => {
        const g = transposeA
          ? transposeB
            ? matMul(b, dy, true, true)
            : matMul(b, dy, false, true)
          : transposeB
            ? matMul(dy, b, false, false)
            : matMul(dy, b, false, true);
        return sumToOperand(g, a.shape);
      },
      b: () => {
        const bReused = sizeFromShape(b.shape.slice(0, -2)) === 1;
        if (bReused && !transposeA && a.rank > 2) {
          // The batches of A and dy stack into [batch·M, K] and [batch·M, N]: one product.
          const k = a.shape[a.rank - 1] as number;
          const n = dy.shape[dy.rank - 1] as number;
          const a2 = reshape(a, [-1, k]);
          const dy2 = reshape(dy, [-1, n]);
          const g = transposeB ? matMul(dy2, a2, true, false) : matMul(a2, dy2, true, false);
          return reshape(g, b.shape);
        }
        const g = transposeA
          ? transposeB
            ? matMul(dy, a, true, true)
            : matMul(a, dy, false, false)
          : transposeB
            ? matMul(dy, a, true, false)
            : matMul(a, dy, true, false);
        return sumToOperand(g, b.shape);
      },
    };
  },
};
