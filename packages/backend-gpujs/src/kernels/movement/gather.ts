import { type KernelConfig, kernels, sizeFromShape, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, coordinate } from "../source.js";

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
    const source = `function (a, idx) {
  const i = this.thread.x;
  const o = ${coordinate("i", m * inner, 1, true)};
  const j = ${coordinate("i", inner, m, false)};
  const k = i - ${coordinate("i", inner, 1, true)} * ${inner};
  const r = ${at("idx", backend.offset(indices), "j")};
  return ${at("a", backend.offset(x), `(o * ${n} + r) * ${inner} + k`)};
}`;
    return backend.run({ source, size: sizeFromShape(shape) }, [x, indices], shape, x.dtype);
  },
};
