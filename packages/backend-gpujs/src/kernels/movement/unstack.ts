import { type KernelConfig, kernels, sizeFromShape, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, linearIndex, unravel } from "../source.js";

/**
 * Splits x, seen as [outer, n, inner], along its middle axis. With outer = 1 every output is a
 * region of x (no copy). Otherwise one launch writes y[k, o, :] = x[o, k, :] (the axis moved to
 * the front) and the n outputs are consecutive views of y.
 */
export const unstackConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.Unstack,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    const { axis } = attrs as kernels.UnstackAttrs;
    const n = x.shape[axis] as number;
    const outer = sizeFromShape(x.shape.slice(0, axis));
    const inner = sizeFromShape(x.shape.slice(axis + 1));
    const shape = x.shape.filter((_, d) => d !== axis);
    const part = outer * inner;
    if (outer === 1 || part === 0) {
      return Array.from({ length: n }, (_, k) => backend.view(x, [...shape], x.dtype, k * part));
    }
    // y[k, o, j] = x[(o·n + k)·inner + j], indices in int32 arithmetic (exact past 2^24 elements)
    const { statements, coordinates } = unravel([n, outer, inner], "c");
    const [k, o, j] = coordinates as [string, string, string];
    const source = `function (a) {
  ${statements}
  return ${at("a", backend.offset(x), linearIndex([o, k, j], [n * inner, inner, 1]))};
}`;
    return backend.runViews(
      { source, size: n * part },
      [x],
      Array.from({ length: n }, () => ({ shape: [...shape], dtype: x.dtype })),
    );
  },
};
