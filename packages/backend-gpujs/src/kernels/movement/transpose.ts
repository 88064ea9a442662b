import {
  type KernelConfig,
  kernels,
  sizeFromShape,
  stridesOf,
  type TensorInfo,
} from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, coordinate } from "../source.js";

/** out[c…] = x[j…] with out.shape[k] = shape[perm[k]] and j[perm[k]] = c[k]: one thread per output. */
export function transposeSource(
  shape: readonly number[],
  perm: readonly number[],
  offset: number,
): string {
  const outShape = perm.map((axis) => shape[axis] as number);
  const inStrides = stridesOf(shape);
  const outStrides = stridesOf(outShape);
  const terms: string[] = [];
  let first = true;
  outShape.forEach((dim, k) => {
    if (dim === 1) return;
    const c = coordinate("i", outStrides[k] as number, dim, first);
    first = false;
    const stride = inStrides[perm[k] as number] as number;
    terms.push(stride === 1 ? c : `${c} * ${stride}`);
  });
  const index = terms.length === 0 ? "0" : terms.join(" + ");
  return `function (a) {
  const i = this.thread.x;
  return ${at("a", offset, index)};
}`;
}

/** Runs a transpose program (also used by reductions over non-adjacent axes). */
export function transposeInfo(
  backend: GpujsBackend,
  x: TensorInfo,
  perm: readonly number[],
): TensorInfo {
  const shape = perm.map((axis) => x.shape[axis] as number);
  const source = transposeSource(x.shape, perm, backend.offset(x));
  return backend.run({ source, size: sizeFromShape(shape) }, [x], shape, x.dtype);
}

export const transposeConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.Transpose,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    return transposeInfo(backend, x, (attrs as kernels.TransposeAttrs).perm);
  },
};
