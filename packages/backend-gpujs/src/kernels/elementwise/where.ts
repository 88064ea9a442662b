import {
  broadcastShapes,
  type KernelConfig,
  kernels,
  sizeFromShape,
  type TensorInfo,
} from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, broadcastIndex } from "../source.js";

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
    const read = (name: string, t: TensorInfo) =>
      at(name, backend.offset(t), broadcastIndex("i", shape, t.shape));
    const source = `function (c, a, b) {
  const i = this.thread.x;
  const s = ${read("c", condition)};
  return s !== 0.0 ? ${read("a", a)} : ${read("b", b)};
}`;
    return backend.run({ source, size: sizeFromShape(shape) }, [condition, a, b], shape, a.dtype);
  },
};
