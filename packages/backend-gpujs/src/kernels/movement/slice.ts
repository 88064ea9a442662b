import {
  type KernelConfig,
  kernels,
  sizeFromShape,
  stridesOf,
  type TensorInfo,
} from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, coordinate } from "../source.js";

/** out[c…] = x[begin + c…]: one thread per output element. */
export const sliceConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.Slice,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    const { begin, size } = attrs as kernels.SliceAttrs;
    const inStrides = stridesOf(x.shape);
    const outStrides = stridesOf(size);
    let base = backend.offset(x);
    begin.forEach((b, d) => {
      base += b * (inStrides[d] as number);
    });
    const terms: string[] = [];
    let first = true;
    size.forEach((dim, d) => {
      if (dim === 1) return;
      const c = coordinate("i", outStrides[d] as number, dim, first);
      first = false;
      const stride = inStrides[d] as number;
      terms.push(stride === 1 ? c : `${c} * ${stride}`);
    });
    const source = `function (a) {
  const i = this.thread.x;
  return ${at("a", base, terms.length === 0 ? "0" : terms.join(" + "))};
}`;
    return backend.run({ source, size: sizeFromShape(size) }, [x], size, x.dtype);
  },
};
