import { type KernelConfig, kernels, reducedShape, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { blockBase, reduceLayout } from "./reduce-layout.js";

/** Max over `axes` (every reduced axis non-empty); NaN wins over numbers, as on the CPU. */
export const maxConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.Max,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    const { axes, keepDims } = attrs as kernels.ReduceAttrs;
    const layout = reduceLayout(backend, x, axes);
    // once m is NaN no comparison replaces it
    const block = blockBase(layout, backend.offset(layout.input));
    const source = `function (a) {
  ${block.statements}
  let m = a[${block.base}];
  for (let r = 1; r < this.constants.reduced; r++) {
    const v = a[${block.base} + (r | 0) * ${layout.inner}];
    if (v > m || v !== v) {
      m = v;
    }
  }
  return m;
}`;
    const out = backend.run(
      { source, size: layout.outer * layout.inner, constants: { reduced: layout.reduced } },
      [layout.input],
      reducedShape(x.shape, axes, keepDims),
      x.dtype,
    );
    if (layout.temporary !== undefined) backend.disposeData(layout.temporary.dataId);
    return out;
  },
};
