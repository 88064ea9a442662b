import { type KernelConfig, kernels, type TensorInfo } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { softmaxImpl } from "./softmax.js";

export const logSoftmaxConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.LogSoftmax,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    const { axis } = attrs as kernels.SoftmaxAttrs;
    const values = softmaxImpl(backend.values(x), x.shape, axis, x.dtype, true);
    return backend.makeOutput(values, x.shape, x.dtype);
  },
};
