import { type KernelConfig, kernels, sizeFromShape, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, FLAT, linearIndex, unravel } from "../source.js";
import { blockBase, reduceLayout } from "./reduce-layout.js";

/**
 * Softmax (or, with `log`, log-softmax) along `axis` in two launches: per row the shift
 *   m = max(x),  shift = m + log Σ exp(x − m)
 * (the exponent is never positive, so logits of ±1000 are safe), then per element
 *   softmax = exp(x − shift),  logSoftmax = x − shift.
 */
export function softmaxInfo(
  backend: GpujsBackend,
  x: TensorInfo,
  axis: number,
  log: boolean,
): TensorInfo {
  const layout = reduceLayout(backend, x, [axis]);
  const { reduced, inner } = layout;
  const offset = backend.offset(x);
  const rows = layout.outer * inner;
  const block = blockBase(layout, offset);
  const shiftSource = `function (a) {
  ${block.statements}
  let m = a[${block.base}];
  for (let r = 1; r < this.constants.reduced; r++) {
    const v = a[${block.base} + (r | 0) * ${inner}];
    if (v > m || v !== v) {
      m = v;
    }
  }
  let s = 0.0;
  for (let r = 0; r < this.constants.reduced; r++) {
    s += Math.exp(a[${block.base} + (r | 0) * ${inner}] - m);
  }
  return m + Math.log(s);
}`;
  const shift = backend.run(
    { source: shiftSource, size: rows, constants: { reduced } },
    [x],
    [rows],
    x.dtype,
  );
  // element [o, r, k] reads the shift of row o·inner + k (int32 indices: exact past 2^24 values)
  const { statements, coordinates } = unravel([layout.outer, reduced, inner], "c");
  const [o, , k] = coordinates as [string, string, string];
  const shifted = `${at("a", offset, FLAT)} - s[${linearIndex([o, k], [inner, 1], backend.offset(shift))}]`;
  const source = `function (a, s) {
  ${statements}
  return ${log ? shifted : `Math.exp(${shifted})`};
}`;
  const out = backend.run({ source, size: sizeFromShape(x.shape) }, [x, shift], x.shape, x.dtype);
  backend.disposeData(shift.dataId);
  return out;
}

export const softmaxConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.Softmax,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    return softmaxInfo(backend, x, (attrs as kernels.SoftmaxAttrs).axis, false);
  },
};
