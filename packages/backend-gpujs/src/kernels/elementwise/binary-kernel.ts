import {
  broadcastShapes,
  type Dtype,
  type KernelConfig,
  sizeFromShape,
  type TensorInfo,
} from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { broadcastReads, truncate } from "../source.js";

/**
 * The gpu.js source of a broadcasting binary kernel: statements reading `x` (from a) and `y`
 * (from b) that set `const r`. Each input's index is decoded from the output index for these
 * shapes (a same-shape or scalar input is read directly).
 */
export function binarySource(
  body: string,
  outShape: readonly number[],
  a: { shape: readonly number[]; offset: number },
  b: { shape: readonly number[]; offset: number },
  outDtype: Dtype,
  resultIsInteger = false,
): string {
  const result = outDtype === "int32" && !resultIsInteger ? truncate("r") : "r";
  const { statements, reads } = broadcastReads(outShape, [
    { name: "a", ...a },
    { name: "b", ...b },
  ]);
  return `function (a, b) {
  ${statements}
  const x = ${reads[0]};
  const y = ${reads[1]};
  ${body}
  return ${result};
}`;
}

/**
 * A kernel config for a binary op with inputs `{ a, b }` (NumPy broadcasting): same dtype out, or
 * `outDtype` (int32 0/1 for comparisons).
 */
export function binaryKernelConfig(
  kernelName: string,
  body: string,
  outDtype?: Dtype,
): KernelConfig<GpujsBackend> {
  return {
    kernelName,
    backendName: "gpujs",
    kernelFunc: ({ inputs, backend }) => {
      const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
      const dtype = outDtype ?? a.dtype;
      const shape = broadcastShapes(kernelName, a.shape, b.shape);
      const source = binarySource(
        body,
        shape,
        { shape: a.shape, offset: backend.offset(a) },
        { shape: b.shape, offset: backend.offset(b) },
        dtype,
        outDtype !== undefined,
      );
      return backend.run({ source, size: sizeFromShape(shape) }, [a, b], shape, dtype);
    },
  };
}
