import {
  type KernelConfig,
  kernels,
  matMulGeometry,
  sizeFromShape,
  type TensorInfo,
} from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { linearIndex, unravel } from "../source.js";

/**
 * Batched C[t,m,n] = Σ_p op(A)[t,m,p] · op(B)[t,p,n] (op = transpose when asked; a batch size of 1
 * is reused for every batch of the other operand): one thread per output element, a loop of
 * constant length K (a literal bound: gpu.js silently caps dynamic loops at 1000 iterations).
 */
export const matMulConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.MatMul,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = attrs as kernels.MatMulAttrs;
    const { m, k, n, aBatch, bBatch, batchShape } = matMulGeometry(
      a.shape,
      b.shape,
      transposeA,
      transposeB,
    );
    const shape = [...batchShape, m, n];
    const size = sizeFromShape(shape);
    // A[t,row,p] = a[aBase + row·aRow + p·aCol], B[t,p,col] = b[bBase + p·bRow + col·bCol]
    const aRow = transposeA ? 1 : k;
    const aCol = transposeA ? m : 1;
    const bRow = transposeB ? 1 : n;
    const bCol = transposeB ? k : 1;
    // t, row, col decoded and A, B indexed in int32 arithmetic (exact past 2^24 elements)
    const { statements, coordinates } = unravel([size / (m * n || 1), m, n], "c");
    const [t, row, col] = coordinates as [string, string, string];
    const aBase = linearIndex([t, row], [aBatch === 1 ? 0 : m * k, aRow], backend.offset(a));
    const bBase = linearIndex([t, col], [bBatch === 1 ? 0 : k * n, bCol], backend.offset(b));
    const source = `function (a, b) {
  ${statements}
  let s = 0.0;
  for (let p = 0; p < this.constants.k; p++) {
    s += a[${aBase} + (p | 0) * ${aCol}] * b[${bBase} + (p | 0) * ${bRow}];
  }
  return s;
}`;
    return backend.run({ source, size, constants: { k } }, [a, b], shape, a.dtype);
  },
};
