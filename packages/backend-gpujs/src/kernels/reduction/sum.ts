import { type KernelConfig, kernels, reducedShape, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { blockBase, reduceLayout } from "./reduce-layout.js";

/** Σ over `axes`: one thread per output element, a loop of constant length over its block. */
export const sumConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.Sum,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    const { axes, keepDims } = attrs as kernels.ReduceAttrs;
    const layout = reduceLayout(backend, x, axes);
    const block = blockBase(layout, backend.offset(layout.input));
    const source = `function (a) {
  ${block.statements}
  let s = 0.0;
  for (let r = 0; r < this.constants.reduced; r++) {
    s += a[${block.base} + (r | 0) * ${layout.inner}];
  }
  return s;
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
