import { type KernelConfig, kernels, sizeFromShape, type TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { linearIndex, unravel } from "../source.js";

/** Inputs per program: WebGPU allows 8 storage buffers per shader (7 inputs + the output). */
export const MAX_CONCAT_INPUTS = 6;

/**
 * Joins along `axis`: seen as [outer, rest] blocks, input t fills columns [start_t, start_t + run_t)
 * of each output row. More than MAX_CONCAT_INPUTS inputs are joined in groups, then the groups.
 */
function concatInfos(backend: GpujsBackend, list: readonly TensorInfo[], axis: number): TensorInfo {
  const first = list[0] as TensorInfo;
  const shape = [...first.shape];
  shape[axis] = list.reduce((acc, t) => acc + (t.shape[axis] as number), 0);
  const parts = list.filter((t) => sizeFromShape(t.shape) > 0);
  if (parts.length > MAX_CONCAT_INPUTS) {
    const groups: TensorInfo[] = [];
    for (let g = 0; g < parts.length; g += MAX_CONCAT_INPUTS) {
      groups.push(concatInfos(backend, parts.slice(g, g + MAX_CONCAT_INPUTS), axis));
    }
    const out = concatInfos(backend, groups, axis);
    for (const g of groups) backend.disposeData(g.dataId);
    return out;
  }
  const total = sizeFromShape(shape.slice(axis));
  const outer = sizeFromShape(shape.slice(0, axis));
  // output [o, q] in int32 arithmetic (exact past 2^24 elements)
  const { statements, coordinates } = unravel([outer, total], "c");
  const [o, q] = coordinates as [string, string];
  const names = parts.map((_, t) => `t${t}`);
  const lines: string[] = [];
  let start = 0;
  parts.forEach((t, k) => {
    const run = sizeFromShape(t.shape.slice(axis));
    const index = linearIndex([o, q], [run, 1], backend.offset(t) - start);
    const read = `v = ${names[k]}[${index}];`;
    const end = start + run;
    lines.push(k === parts.length - 1 ? `{ ${read} }` : `if (${q} < ${end}) { ${read} } else `);
    start = end;
  });
  const source = `function (${names.join(", ")}) {
  ${statements}
  let v = 0.0;
  ${lines.join("")}
  return v;
}`;
  return backend.run({ source, size: sizeFromShape(shape) }, parts, shape, first.dtype);
}

export const concatConfig: KernelConfig<GpujsBackend> = {
  kernelName: kernels.Concat,
  backendName: "gpujs",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { axis } = attrs as kernels.ConcatAttrs;
    const list: TensorInfo[] = [];
    for (let i = 0; inputs[`t${i}`] !== undefined; i++) list.push(inputs[`t${i}`] as TensorInfo);
    return concatInfos(backend, list, axis);
  },
};
