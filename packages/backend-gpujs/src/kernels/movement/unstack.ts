import { type KernelConfig, kernels, sizeFromShape, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, quotient } from "../source.js";

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
    // i = (k·outer + o)·inner + j  →  x[(o·n + k)·inner + j]
    const source = `function (a) {
  const i = this.thread.x;
  const k = ${quotient("i", part)};
  const r = i - k * ${part};
  const o = ${quotient("r", inner)};
  const j = r - o * ${inner};
  return ${at("a", backend.offset(x), `(o * ${n} + k) * ${inner} + j`)};
}`;
    return backend.runViews(
      { source, size: n * part },
      [x],
      Array.from({ length: n }, () => ({ shape: [...shape], dtype: x.dtype })),
    );
  },
};
