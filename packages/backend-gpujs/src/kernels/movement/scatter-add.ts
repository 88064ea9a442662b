import { type KernelConfig, kernels, sizeFromShape, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, linearIndex, unravel } from "../source.js";

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
    // int32 indices: exact past 2^24 values
    const { statements, coordinates } = unravel(
      [sizeFromShape(shape) / (n * inner || 1), n, inner],
      "c",
    );
    const [o, r, k] = coordinates as [string, string, string];
    const source = `function (d, idx) {
  ${statements}
  const r = ${r === "0" ? "0.0" : r};
  let s = 0.0;
  for (let j = 0; j < this.constants.m; j++) {
    if (${at("idx", backend.offset(indices), "j")} === r) {
      s += d[${linearIndex([o, "(j | 0)", k], [m * inner, inner, 1], backend.offset(dy))}];
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
