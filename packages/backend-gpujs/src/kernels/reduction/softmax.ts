import { type KernelConfig, kernels, sizeFromShape, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, coordinate } from "../source.js";
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
  const shiftSource = `function (a) {
  const i = this.thread.x;
  ${blockBase(layout, offset)}
  let m = a[base];
  for (let r = 1; r < this.constants.reduced; r++) {
    const v = a[base + r * ${inner}];
    if (v > m || v !== v) {
      m = v;
    }
  }
  let s = 0.0;
  for (let r = 0; r < this.constants.reduced; r++) {
    s += Math.exp(a[base + r * ${inner}] - m);
  }
  return m + Math.log(s);
}`;
  const shift = backend.run(
    { source: shiftSource, size: rows, constants: { reduced } },
    [x],
    [rows],
    x.dtype,
  );
  // the row of element i: o·inner + (i mod inner), o = floor(i / (reduced·inner))
  const row =
    inner === 1
      ? coordinate("i", reduced, 1, true)
      : `${coordinate("i", reduced * inner, 1, true)} * ${inner} + (i - ${coordinate("i", inner, 1, true)} * ${inner})`;
  const value = at("a", offset, "i");
  const shifted = `${value} - ${at("s", backend.offset(shift), row)}`;
  const source = `function (a, s) {
  const i = this.thread.x;
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
