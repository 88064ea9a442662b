import { type KernelConfig, kernels } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { batchedMatMul } from "./mat-mul.js";

/**
 * op(A)·op(B) + bias: C starts as the bias in every row and the product accumulates into it (the
 * GEMM's `accumulate`; with one-hot input the bias is folded into op(B)'s rows once), so the bias
 * costs no pass of its own and no temporary.
 */
export const matMulBiasConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.MatMulBias,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { a, b, bias } = inputs as kernels.MatMulBiasInputs;
    const { transposeA, transposeB } = attrs as kernels.MatMulAttrs;
    return batchedMatMul(backend, a, b, transposeA, transposeB, backend.values(bias));
  },
};
