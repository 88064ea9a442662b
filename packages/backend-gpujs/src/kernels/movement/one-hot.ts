import { type KernelConfig, kernels, sizeFromShape, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, literal, unravel } from "../source.js";

/** out[j, k] = onValue if indices[j] = k else offValue (indices range-checked by the op). */
export const oneHotConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.OneHot,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { indices } = inputs as { indices: TensorInfo };
    const { depth, onValue, offValue, dtype } = attrs as kernels.OneHotAttrs;
    const shape = [...indices.shape, depth];
    // int32 indices: exact past 2^24 values
    const { statements, coordinates } = unravel([sizeFromShape(indices.shape), depth], "c");
    const [j, k] = coordinates as [string, string];
    const source = `function (idx) {
  ${statements}
  const k = ${k === "0" ? "0.0" : k};
  return ${at("idx", backend.offset(indices), j)} === k ? ${literal(onValue)} : ${literal(offValue)};
}`;
    return backend.run({ source, size: sizeFromShape(shape) }, [indices], shape, dtype);
  },
};
