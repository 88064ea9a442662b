import {
  type Dtype,
  type KernelConfig,
  kernels,
  sizeFromShape,
  type TensorInfo,
  type TypedArray,
} from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocate } from "../../buffer-pool.js";
import { copyRun } from "./copy-run.js";

/**
 * Joins row-major arrays along `axis`. Seen as [outer, rest] blocks with outer = Π shape[:axis],
 * each input contributes one contiguous run of Π shape_i[axis:] per outer step.
 */
export function concatImpl(
  xs: readonly TypedArray[],
  shapes: readonly (readonly number[])[],
  axis: number,
  dtype: Dtype,
): { values: TypedArray; shape: number[] } {
  const first = shapes[0] as readonly number[];
  const shape = [...first];
  shape[axis] = shapes.reduce((acc, s) => acc + (s[axis] as number), 0);
  const out = allocate(dtype, sizeFromShape(shape));
  const outer = sizeFromShape(first.slice(0, axis));
  const runs = shapes.map((s) => sizeFromShape(s.slice(axis)));
  const total = runs.reduce((a, b) => a + b, 0);
  let offset = 0;
  xs.forEach((x, i) => {
    const run = runs[i] as number;
    for (let o = 0; o < outer; o++) copyRun(x, o * run, out, o * total + offset, run);
    offset += run;
  });
  return { values: out, shape };
}

export const concatConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.Concat,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { axis } = attrs as kernels.ConcatAttrs;
    const list: TensorInfo[] = [];
    for (let i = 0; inputs[`t${i}`] !== undefined; i++) list.push(inputs[`t${i}`] as TensorInfo);
    const dtype = (list[0] as TensorInfo).dtype;
    const { values, shape } = concatImpl(
      list.map((t) => backend.values(t)),
      list.map((t) => t.shape),
      axis,
      dtype,
    );
    return backend.makeOutput(values, shape, dtype);
  },
};
