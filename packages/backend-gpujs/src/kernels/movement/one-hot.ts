import { type KernelConfig, kernels, sizeFromShape, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, coordinate, literal } from "../source.js";

/** out[j, k] = onValue if indices[j] = k else offValue (indices range-checked by the op). */
export const oneHotConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.OneHot,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { indices } = inputs as { indices: TensorInfo };
    const { depth, onValue, offValue, dtype } = attrs as kernels.OneHotAttrs;
    const shape = [...indices.shape, depth];
    const source = `function (idx) {
  const i = this.thread.x;
  const j = ${coordinate("i", depth, 1, true)};
  const k = i - j * ${depth};
  return ${at("idx", backend.offset(indices), "j")} === k ? ${literal(onValue)} : ${literal(offValue)};
}`;
    return backend.run({ source, size: sizeFromShape(shape) }, [indices], shape, dtype);
  },
};
