import { runKernel } from "../../engine.js";
import { RnnkitError, shapeToString } from "../../errors.js";
import { type MatMulAttrs, MatMulBias, type MatMulBiasInputs } from "../../kernel-names.js";
import { type GradConfig, getBackendName, getKernel } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { assertTensor } from "../../util/to-tensor.js";
import { add } from "../elementwise/add.js";
import { reshape } from "../movement/reshape.js";
import { sum } from "../reduction/sum.js";
import { checkMatMulOperands } from "./check-mat-mul-operands.js";
import { matMul, matMulGradConfig } from "./mat-mul.js";

/**
 * op(a)·op(b) + bias: a dense layer's `x·W + b` (PyTorch's `addmm` / `linear`, tfjs's fused
 * matMul) in one kernel where the backend has MatMulBias (the bias is the product's starting value,
 * so no second pass over the output and no temporary); elsewhere `add(matMul(a, b), bias)`, with
 * the same results. a [...batch, M, K] or [...batch, K, M] (transposeA), b a matrix [K, N] or
 * [N, K] (transposeB), bias [N].
 * @example matMulBias(tensor([[1, 2]]), tensor([[1, 0], [0, 1]]), tensor([10, 20])) // [[11, 22]]
 */
export function matMulBias(
  a: Tensor,
  b: Tensor,
  bias: Tensor,
  transposeA = false,
  transposeB = false,
): Tensor {
  const op = "matMulBias";
  checkMatMulOperands(op, a, b, transposeA, transposeB);
  assertTensor(op, "bias", bias);
  if (b.rank !== 2) {
    throw new RnnkitError(op, `b must be a matrix, got ${shapeToString(b.shape)}`);
  }
  const n = b.shape[transposeB ? 0 : 1] as number;
  if (bias.rank !== 1 || bias.shape[0] !== n) {
    throw new RnnkitError(
      op,
      `bias must be [N] = [${n}] (the product's columns), got ${shapeToString(bias.shape)}`,
    );
  }
  if (bias.dtype !== b.dtype) {
    throw new RnnkitError(op, `dtypes differ: b is ${b.dtype}, bias is ${bias.dtype} (use cast)`);
  }
  if (getKernel(MatMulBias, getBackendName()) === undefined) {
    return add(matMul(a, b, transposeA, transposeB), bias);
  }
  const attrs: MatMulAttrs = { transposeA, transposeB };
  return runKernel(MatMulBias, { a, b, bias } satisfies MatMulBiasInputs, attrs);
}

/** dA and dB as for MatMul; dBias = the sum of dy over every row. */
export const matMulBiasGradConfig: GradConfig = {
  kernelName: MatMulBias,
  gradFunc: (dy, context) => {
    const { a, b } = matMulGradConfig.gradFunc(dy, context);
    const n = dy.shape[dy.rank - 1] as number;
    return {
      a: a as () => Tensor,
      b: b as () => Tensor,
      bias: () => (dy.rank === 1 ? dy : sum(reshape(dy, [-1, n]), 0)),
    };
  },
};
