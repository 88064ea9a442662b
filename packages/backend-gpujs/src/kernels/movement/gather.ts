import { type KernelConfig, kernels, sizeFromShape, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, linearIndex, unravel } from "../source.js";

/**
 * out[o, j, k] = x[o, indices[j], k] with x seen as [outer, n, inner] and the output as
 * [outer, m, inner] (indices range-checked by the op).
 */
export const gatherConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.Gather,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x, indices } = inputs as { x: TensorInfo; indices: TensorInfo };
    const { axis } = attrs as kernels.GatherAttrs;
    const n = x.shape[axis] as number;
    const inner = sizeFromShape(x.shape.slice(axis + 1));
    const m = sizeFromShape(indices.shape);
    const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
    // int32 indices: exact past 2^24 values
    const { statements, coordinates } = unravel(
      [sizeFromShape(shape) / (m * inner || 1), m, inner],
      "c",
    );
    const [o, j, k] = coordinates as [string, string, string];
    const source = `function (a, idx) {
  ${statements}
  const r = ${at("idx", backend.offset(indices), j)};
  return a[${linearIndex([o, "(r | 0)", k], [n * inner, inner, 1], backend.offset(x))}];
}`;
    return backend.run({ source, size: sizeFromShape(shape) }, [x, indices], shape, x.dtype);
  },
};
