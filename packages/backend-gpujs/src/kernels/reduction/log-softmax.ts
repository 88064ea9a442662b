import { type KernelConfig, kernels, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { softmaxInfo } from "./softmax.js";

export const logSoftmaxConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.LogSoftmax,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    return softmaxInfo(backend, x, (attrs as kernels.SoftmaxAttrs).axis, true);
  },
};
