import {
  type KernelConfig,
  kernels,
  sizeFromShape,
  stridesOf,
  type TensorInfo,
} from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { linearIndex, unravel } from "../source.js";

/** out[c…] = x[begin + c…]: one thread per output element. */
export const sliceConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.Slice,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    const { begin, size } = attrs as kernels.SliceAttrs;
    const inStrides = stridesOf(x.shape);
    let base = backend.offset(x);
    begin.forEach((b, d) => {
      base += b * (inStrides[d] as number);
    });
    const { statements, coordinates } = unravel(size, "c");
    const source = `function (a) {
  ${statements}
  return a[${linearIndex(coordinates, inStrides, base)}];
}`;
    return backend.run({ source, size: sizeFromShape(size) }, [x], size, x.dtype);
  },
};
