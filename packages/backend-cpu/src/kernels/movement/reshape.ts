import { type KernelConfig, kernels, type TensorInfo } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";

/** Shares the input's data: the engine counts references to it. */
export const reshapeConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.Reshape,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs }) => {
    const { x } = inputs as { x: TensorInfo };
    return { dataId: x.dataId, shape: (attrs as kernels.ReshapeAttrs).shape, dtype: x.dtype };
  },
};
