import {
  type KernelConfig,
  kernels,
  reducedShape,
  type TensorInfo,
  type TypedArray,
} from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { contiguousLayout } from "./reduce-layout.js";

/** Index of the first largest value along `axis` (non-empty); the first NaN beats any number. */
export function argMaxImpl(x: TypedArray, shape: readonly number[], axis: number): Int32Array {
  const { outer, reduced, inner } = contiguousLayout(shape, [axis]) as {
    outer: number;
    reduced: number;
    inner: number;
  };
  const out = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let src = o * reduced * inner + i;
      let best = x[src] as number;
      let index = 0;
      for (let r = 1; r < reduced; r++) {
        src += inner;
        const v = x[src] as number;
        if (v > best || (Number.isNaN(v) && !Number.isNaN(best))) {
          best = v;
          index = r;
        }
      }
      out[o * inner + i] = index;
    }
  }
  return out;
}

export const argMaxConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.ArgMax,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    const { axis } = attrs as kernels.ArgMaxAttrs;
    const values = argMaxImpl(backend.values(x), x.shape, axis);
    return backend.makeOutput(values, reducedShape(x.shape, [axis], false), "int32");
  },
};
