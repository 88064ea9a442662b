import {
  type Dtype,
  type KernelConfig,
  kernels,
  stridesOf,
  type TensorInfo,
  type TypedArray,
} from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocate } from "../../buffer-pool.js";
import { copyRun } from "./copy-run.js";

/**
 * The same permutation on fewer axes: size-1 axes dropped, and input axes that stay adjacent and
 * in order in the output merged into one ([2,3,4] perm [2,0,1] becomes [6,4] perm [1,0]).
 */
export function collapsePermutation(
  shape: readonly number[],
  perm: readonly number[],
): { shape: number[]; perm: number[] } {
  // renumber the axes of size > 1 as 0, 1, … so that dropping size-1 axes makes neighbours adjacent
  const keptShape = shape.filter((d) => d !== 1);
  const rankOf = new Array<number>(shape.length);
  let next = 0;
  shape.forEach((d, axis) => {
    if (d !== 1) rankOf[axis] = next++;
  });
  const kept = perm.filter((p) => (shape[p] as number) !== 1).map((p) => rankOf[p] as number);
  // groups of (renumbered) input axes, in output order: each group is consecutive in the input too
  const groups: number[][] = [];
  for (const p of kept) {
    const last = groups.at(-1);
    if (last !== undefined && (last.at(-1) as number) + 1 === p) last.push(p);
    else groups.push([p]);
  }
  const inputOrder = groups
    .map((g, outputIndex) => ({ first: g[0] as number, g, outputIndex }))
    .sort((a, b) => a.first - b.first);
  const newShape = inputOrder.map(({ g }) =>
    g.reduce((acc, p) => acc * (keptShape[p] as number), 1),
  );
  const newPerm = new Array<number>(groups.length);
  inputOrder.forEach(({ outputIndex }, inputIndex) => {
    newPerm[outputIndex] = inputIndex;
  });
  return { shape: newShape, perm: newPerm };
}

/** Tile edge for the 2-D case, so reads and writes both stay within a few cache lines. */
const BLOCK = 32;

/** out[i…] = x[j…] with out.shape[k] = shape[perm[k]] and j[perm[k]] = i[k]. */
export function transposeImpl(
  x: TypedArray,
  shape: readonly number[],
  perm: readonly number[],
  dtype: Dtype,
): TypedArray {
  const out = allocate(dtype, x.length);
  if (x.length === 0) return out;
  const { shape: s, perm: p } = collapsePermutation(shape, perm);
  const rank = s.length;
  if (rank <= 1) {
    out.set(x);
    return out;
  }
  if (rank === 2) {
    // p = [1, 0]: out[c, r] = x[r, c] for x [rows, cols]
    const rows = s[0] as number;
    const cols = s[1] as number;
    for (let r0 = 0; r0 < rows; r0 += BLOCK) {
      const r1 = Math.min(r0 + BLOCK, rows);
      for (let c0 = 0; c0 < cols; c0 += BLOCK) {
        const c1 = Math.min(c0 + BLOCK, cols);
        for (let r = r0; r < r1; r++) {
          const rowBase = r * cols;
          for (let c = c0; c < c1; c++) out[c * rows + r] = x[rowBase + c] as number;
        }
      }
    }
    return out;
  }
  const strides = stridesOf(s);
  const outShape = p.map((axis) => s[axis] as number);
  // the input stride of each output axis
  const step = p.map((axis) => strides[axis] as number);
  const innerLength = outShape[rank - 1] as number;
  const innerStep = step[rank - 1] as number;
  const contiguous = innerStep === 1;
  const outerRank = rank - 1;
  const counter = new Array<number>(outerRank).fill(0);
  let base = 0;
  for (let dst = 0; dst < out.length; dst += innerLength) {
    if (contiguous) copyRun(x, base, out, dst, innerLength);
    else {
      for (let i = 0, src = base; i < innerLength; i++, src += innerStep) {
        out[dst + i] = x[src] as number;
      }
    }
    for (let d = outerRank - 1; d >= 0; d--) {
      counter[d] = (counter[d] as number) + 1;
      base += step[d] as number;
      if ((counter[d] as number) < (outShape[d] as number)) break;
      base -= (step[d] as number) * (outShape[d] as number);
      counter[d] = 0;
    }
  }
  return out;
}

export const transposeConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.Transpose,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: TensorInfo };
    const { perm } = attrs as kernels.TransposeAttrs;
    const values = transposeImpl(backend.values(x), x.shape, perm, x.dtype);
    return backend.makeOutput(
      values,
      perm.map((axis) => x.shape[axis] as number),
      x.dtype,
    );
  },
};
