import {
  type KernelConfig,
  kernels,
  matMulGeometry,
  sizeFromShape,
  type TensorInfo,
} from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { coordinate } from "../source.js";

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
    const batched = size > m * n;
    const t = batched ? coordinate("i", m * n, 1, true) : "0";
    const row = coordinate("i", n, m, !batched);
    const aBase = `${aBatch === 1 ? "" : `t * ${m * k} + `}row * ${aRow} + ${backend.offset(a)}`;
    const bBase = `${bBatch === 1 ? "" : `t * ${k * n} + `}col * ${bCol} + ${backend.offset(b)}`;
    const source = `function (a, b) {
  const i = this.thread.x;
  const t = ${t};
  const row = ${row};
  const col = i - ${coordinate("i", n, 1, true)} * ${n};
  const aBase = ${aBase};
  const bBase = ${bBase};
  let s = 0.0;
  for (let p = 0; p < this.constants.k; p++) {
    s += a[aBase + p * ${aCol}] * b[bBase + p * ${bRow}];
  }
  return s;
}`;
    return backend.run({ source, size, constants: { k } }, [a, b], shape, a.dtype);
  },
};
