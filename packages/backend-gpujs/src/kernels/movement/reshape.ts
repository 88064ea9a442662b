import { type KernelConfig, kernels, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";

/** Shares the input's data: the engine counts references to it (no kernel, no copy). */
export const reshapeConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.Reshape,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs }) => {
    const { x } = inputs as { x: TensorInfo };
    return { dataId: x.dataId, shape: (attrs as kernels.ReshapeAttrs).shape, dtype: x.dtype };
  },
};
