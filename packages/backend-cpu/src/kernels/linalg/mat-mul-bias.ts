import { type KernelConfig, kernels, matMulGeometry, sizeFromShape } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocateUnzeroed } from "../../buffer-pool.js";
import { fillRows } from "./fill-rows.js";
import { matMulImpl } from "./mat-mul.js";
import { sparseMatMul } from "./sparse-mat-mul.js";

/** Rows of C below this take the resident-weight path of the few-row product. */
const FEW_ROWS = 4;

/**
 * op(A)·op(B) + bias: C starts as the bias in every row and the product accumulates into it (the
 * GEMM's `accumulate`), so the bias costs no pass of its own and no temporary.
 */
export const matMulBiasConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.MatMulBias,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { a, b, bias } = inputs as kernels.MatMulBiasInputs;
    const { transposeA, transposeB } = attrs as kernels.MatMulAttrs;
    const { m, k, n, batchShape } = matMulGeometry(a.shape, b.shape, transposeA, transposeB);
    const batch = sizeFromShape(batchShape);
    const out = allocateUnzeroed(a.dtype, batch * m * n);
    const av = backend.values(a);
    const bv = backend.values(b);
    const biasValues = backend.values(bias);
    const shape = [...batchShape, m, n];
    // one-hot input: only the non-zero terms, the bias folded into op(B)'s rows
    if (
      (batch === 1 || !transposeA) &&
      sparseMatMul(av, bv, batch * m, k, n, transposeA, transposeB, out, 0, 0, 0, false, biasValues)
    ) {
      return backend.makeOutput(out, shape, a.dtype);
    }
    fillRows(out, 0, biasValues, batch * m, n);
    if (!transposeA) {
      // the batches of A are consecutive rows: one [batch·m, k] product
      const rows = batch * m;
      const bOwner = rows < FEW_ROWS ? backend.residentOwner(b) : undefined;
      matMulImpl(av, bv, rows, k, n, false, transposeB, out, { accumulate: true, bOwner });
    } else {
      for (let t = 0; t < batch; t++) {
        matMulImpl(av, bv, m, k, n, true, transposeB, out, {
          aOffset: t * m * k,
          outOffset: t * m * n,
          accumulate: true,
        });
      }
    }
    return backend.makeOutput(out, shape, a.dtype);
  },
};
