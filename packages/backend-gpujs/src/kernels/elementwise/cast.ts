import { type KernelConfig, kernels, sizeFromShape, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { unarySource } from "./unary-kernel.js";

/**
 * float → int32 truncates toward zero (a kernel); every other cast keeps the float32 device values
 * and only changes the dtype they are read back as (no copy).
 */
export const castConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.Cast,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    const { dtype } = attrs as kernels.CastAttrs;
    if (dtype !== "int32" || x.dtype === "int32") return backend.view(x, x.shape, dtype);
    const source = unarySource("const r = x;", backend.offset(x), "int32");
    return backend.run({ source, size: sizeFromShape(x.shape) }, [x], x.shape, "int32");
  },
};
