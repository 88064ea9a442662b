import {
  broadcastShapes,
  type KernelConfig,
  kernels,
  sizeFromShape,
  type TensorInfo,
} from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { broadcastReads } from "../source.js";

/** out = condition ≠ 0 ? a : b, all three broadcast together. */
export const whereConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.Where,
  backendName: "gpujs",
  kernelFunc: ({ inputs, backend }) => {
    const { condition, a, b } = inputs as { condition: TensorInfo; a: TensorInfo; b: TensorInfo };
    const shape = broadcastShapes(
      "where",
      broadcastShapes("where", condition.shape, a.shape),
      b.shape,
    );
    const { statements, reads } = broadcastReads(
      shape,
      [
        ["c", condition],
        ["a", a],
        ["b", b],
      ].map(([name, t]) => ({
        name: name as string,
        shape: (t as TensorInfo).shape,
        offset: backend.offset(t as TensorInfo),
      })),
    );
    const source = `function (c, a, b) {
  ${statements}
  const s = ${reads[0]};
  return s !== 0.0 ? ${reads[1]} : ${reads[2]};
}`;
    return backend.run({ source, size: sizeFromShape(shape) }, [condition, a, b], shape, a.dtype);
  },
};
