import {
  type KernelConfig,
  kernels,
  sizeFromShape,
  stridesOf,
  type TensorInfo,
} from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, linearIndex, unravel } from "../source.js";

/** out[c…] = x[j…] with out.shape[k] = shape[perm[k]] and j[perm[k]] = c[k]: one thread per output. */
export function transposeSource(
  shape: readonly number[],
  perm: readonly number[],
  offset: number,
): string {
  const outShape = perm.map((axis) => shape[axis] as number);
  const inStrides = stridesOf(shape);
  const { statements, coordinates } = unravel(outShape, "c");
  const index = linearIndex(
    coordinates,
    perm.map((axis) => inStrides[axis] as number),
  );
  return `function (a) {
  ${statements}
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
