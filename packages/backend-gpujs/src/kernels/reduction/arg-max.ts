import { type KernelConfig, kernels, reducedShape, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { blockBase, reduceLayout } from "./reduce-layout.js";

/** Index of the first largest value along `axis` (non-empty); the first NaN beats any number. */
export const argMaxConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.ArgMax,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    const { axis } = attrs as kernels.ArgMaxAttrs;
    const layout = reduceLayout(backend, x, [axis]);
    const block = blockBase(layout, backend.offset(layout.input));
    const source = `function (a) {
  ${block.statements}
  let m = a[${block.base}];
  let index = 0.0;
  for (let r = 1; r < this.constants.reduced; r++) {
    const v = a[${block.base} + (r | 0) * ${layout.inner}];
    if (v > m || (v !== v && m === m)) {
      m = v;
      index = r;
    }
  }
  return index;
}`;
    return backend.run(
      { source, size: layout.outer * layout.inner, constants: { reduced: layout.reduced } },
      [layout.input],
      reducedShape(x.shape, [axis], false),
      "int32",
    );
  },
};
