import {
  broadcastShapes,
  type Dtype,
  type KernelConfig,
  sizeFromShape,
  stridesOf,
  type TensorInfo,
  type TypedArray,
} from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocateUnzeroed } from "../../buffer-pool.js";

type Loop = (
  a: TypedArray,
  b: TypedArray,
  out: TypedArray,
  ia?: Int32Array,
  ib?: Int32Array,
) => void;

interface BinaryLoops {
  same: Loop;
  aScalar: Loop;
  bScalar: Loop;
  /** b repeats along the leading axes of a (e.g. a bias [H] added to [B,H]). */
  bInner: Loop;
  /** each element of b repeats over a run of `r` elements of a (b [B,T,1] with a [B,T,C]). */
  bOuter: RepeatLoop;
  /** each element of a repeats over a run of `r` elements of b. */
  aOuter: RepeatLoop;
  general: Loop;
}

type RepeatLoop = (a: TypedArray, b: TypedArray, out: TypedArray, r: number) => void;

/**
 * Compiles the loops of a binary kernel from an expression in `x` (from a) and `y` (from b), so
 * every kernel gets its own monomorphic loop with no function call per element.
 */
function compileLoops(expression: string): BinaryLoops {
  const body = `"use strict";
  return {
    same(a, b, o) {
      const n = o.length; let i = 0;
      for (; i + 3 < n; i += 4) {
        let x = a[i], y = b[i]; o[i] = ${expression};
        x = a[i + 1]; y = b[i + 1]; o[i + 1] = ${expression};
        x = a[i + 2]; y = b[i + 2]; o[i + 2] = ${expression};
        x = a[i + 3]; y = b[i + 3]; o[i + 3] = ${expression};
      }
      for (; i < n; i++) { const x = a[i], y = b[i]; o[i] = ${expression}; }
    },
    aScalar(a, b, o) { const x = a[0]; for (let i = 0; i < o.length; i++) { const y = b[i]; o[i] = ${expression}; } },
    bScalar(a, b, o) { const y = b[0]; for (let i = 0; i < o.length; i++) { const x = a[i]; o[i] = ${expression}; } },
    bInner(a, b, o) {
      const n = b.length;
      for (let row = 0; row < o.length; row += n) {
        let j = 0;
        for (; j + 3 < n; j += 4) {
          const i = row + j;
          let x = a[i], y = b[j]; o[i] = ${expression};
          x = a[i + 1]; y = b[j + 1]; o[i + 1] = ${expression};
          x = a[i + 2]; y = b[j + 2]; o[i + 2] = ${expression};
          x = a[i + 3]; y = b[j + 3]; o[i + 3] = ${expression};
        }
        for (; j < n; j++) { const x = a[row + j], y = b[j]; o[row + j] = ${expression}; }
      }
    },
    bOuter(a, b, o, r) { for (let j = 0, i = 0; j < b.length; j++) { const y = b[j]; for (const e = i + r; i < e; i++) { const x = a[i]; o[i] = ${expression}; } } },
    aOuter(a, b, o, r) { for (let j = 0, i = 0; j < a.length; j++) { const x = a[j]; for (const e = i + r; i < e; i++) { const y = b[i]; o[i] = ${expression}; } } },
    general(a, b, o, ia, ib) { for (let i = 0; i < o.length; i++) { const x = a[ia[i]], y = b[ib[i]]; o[i] = ${expression}; } },
  };`;
  return new Function(body)() as BinaryLoops;
}

/** For each output element, the flat index of the input element broadcast into it. */
export function broadcastIndex(
  inShape: readonly number[],
  outShape: readonly number[],
): Int32Array {
  const size = sizeFromShape(outShape);
  const index = new Int32Array(size);
  const rank = outShape.length;
  const inStrides = stridesOf(inShape);
  const offset = rank - inShape.length;
  const strides = outShape.map((_, d) =>
    d < offset || inShape[d - offset] === 1 ? 0 : (inStrides[d - offset] as number),
  );
  const counter = new Array<number>(rank).fill(0);
  let flat = 0;
  for (let i = 0; i < size; i++) {
    index[i] = flat;
    for (let d = rank - 1; d >= 0; d--) {
      counter[d] = (counter[d] as number) + 1;
      flat += strides[d] as number;
      if ((counter[d] as number) < (outShape[d] as number)) break;
      flat -= (strides[d] as number) * (outShape[d] as number);
      counter[d] = 0;
    }
  }
  return index;
}

function isSuffix(inner: readonly number[], outer: readonly number[]): boolean {
  const offset = outer.length - inner.length;
  return offset >= 0 && inner.every((d, i) => d === outer[offset + i]);
}

/**
 * r when `inner` equals `outer` on its leading axes and is 1 on the rest (same rank), so each
 * element of `inner` covers a contiguous run of r = Π outer[trailing axes] output elements; else 0.
 */
function outerRepeat(inner: readonly number[], outer: readonly number[]): number {
  if (inner.length !== outer.length) return 0;
  let k = inner.length;
  while (k > 0 && inner[k - 1] === 1) k--;
  let r = 1;
  for (let d = 0; d < outer.length; d++) {
    if (d < k && inner[d] !== outer[d]) return 0;
    if (d >= k) r *= outer[d] as number;
  }
  return r;
}

export type BinaryImpl = (
  a: TypedArray,
  aShape: readonly number[],
  b: TypedArray,
  bShape: readonly number[],
  outDtype: Dtype,
) => { values: TypedArray; shape: number[] };

/** A broadcasting binary implementation on typed arrays from an expression in x and y. */
export function binaryImpl(expression: string): BinaryImpl {
  // one compiled copy per (a, b, out) array types: a loop that has seen several typed-array kinds
  // reads elements megamorphically, several times slower
  const compiled = new Map<string, BinaryLoops>();
  return (a, aShape, b, bShape, outDtype) => {
    const shape = broadcastShapes("binary", aShape, bShape);
    // every element is written below
    const out = allocateUnzeroed(outDtype, sizeFromShape(shape));
    const key = `${a.constructor.name},${b.constructor.name}>${outDtype}`;
    let loops = compiled.get(key);
    if (loops === undefined) {
      loops = compileLoops(expression);
      compiled.set(key, loops);
    }
    if (out.length === 0) return { values: out, shape };
    if (a.length === out.length && b.length === out.length) loops.same(a, b, out);
    else if (a.length === 1 && b.length === out.length) loops.aScalar(a, b, out);
    else if (b.length === 1 && a.length === out.length) loops.bScalar(a, b, out);
    else if (a.length === out.length && isSuffix(bShape, aShape)) loops.bInner(a, b, out);
    else if (a.length === out.length && outerRepeat(bShape, aShape) > 0) {
      loops.bOuter(a, b, out, outerRepeat(bShape, aShape));
    } else if (b.length === out.length && outerRepeat(aShape, bShape) > 0) {
      loops.aOuter(a, b, out, outerRepeat(aShape, bShape));
    } else loops.general(a, b, out, broadcastIndex(aShape, shape), broadcastIndex(bShape, shape));
    return { values: out, shape };
  };
}

/** A kernel config for a binary op: same dtype out (or `outDtype`, e.g. int32 for comparisons). */
export function binaryKernelConfig(
  kernelName: string,
  expression: string,
  outDtype?: Dtype,
): KernelConfig<CpuBackend> {
  const impl = binaryImpl(expression);
  return {
    kernelName,
    backendName: "cpu",
    kernelFunc: ({ inputs, backend }) => {
      const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
      const dtype = outDtype ?? a.dtype;
      const { values, shape } = impl(backend.values(a), a.shape, backend.values(b), b.shape, dtype);
      return backend.makeOutput(values, shape, dtype);
    },
  };
}
