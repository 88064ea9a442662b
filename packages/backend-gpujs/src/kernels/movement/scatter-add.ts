import { type KernelConfig, kernels, sizeFromShape, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, coordinate } from "../source.js";

/**
 * out[o, r, k] = Σ_j [indices[j] = r] · dy[o, j, k], out seen as [outer, n, inner] and dy as
 * [outer, m, inner]: each output element sums its matches (no atomics; repeats accumulate).
 */
export const scatterAddConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.ScatterAdd,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { dy, indices } = inputs as { dy: TensorInfo; indices: TensorInfo };
    const { axis, shape } = attrs as kernels.ScatterAddAttrs;
    const n = shape[axis] as number;
    const inner = sizeFromShape(shape.slice(axis + 1));
    const m = sizeFromShape(indices.shape);
    const source = `function (d, idx) {
  const i = this.thread.x;
  const o = ${coordinate("i", n * inner, 1, true)};
  const r = ${coordinate("i", inner, n, false)};
  const k = i - ${coordinate("i", inner, 1, true)} * ${inner};
  let s = 0.0;
  for (let j = 0; j < this.constants.m; j++) {
    if (${at("idx", backend.offset(indices), "j")} === r) {
      s += ${at("d", backend.offset(dy), `(o * ${m} + j) * ${inner} + k`)};
    }
  }
  return s;
}`;
    return backend.run(
      { source, size: sizeFromShape(shape), constants: { m } },
      [dy, indices],
      shape,
      dy.dtype,
    );
  },
};
