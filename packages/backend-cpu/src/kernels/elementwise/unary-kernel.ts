import type { Dtype, KernelConfig, TensorInfo, TypedArray } from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocateUnzeroed } from "../../buffer-pool.js";

/** A unary loop: reads `x` from `a`, writes `o`; attribute values follow in `attrNames` order. */
type UnaryLoop = (a: TypedArray, o: TypedArray, ...attrs: unknown[]) => void;

export type UnaryImpl = (
  x: TypedArray,
  outDtype: Dtype,
  attrs?: Record<string, unknown>,
) => TypedArray;

/**
 * An element-wise implementation on typed arrays, compiled from an expression in `x` into one
 * monomorphic loop (no function call per element). The expression may read the attributes named
 * in `attrNames` (e.g. `alpha`) and use a scratch variable `t` to keep an intermediate value.
 */
export function unaryImpl(expression: string, attrNames: readonly string[] = []): UnaryImpl {
  const compile = () =>
    new Function(
      "a",
      "o",
      ...attrNames,
      `"use strict"; let t = 0; for (let i = 0; i < o.length; i++) { const x = a[i]; o[i] = ${expression}; }`,
    ) as UnaryLoop;
  // one compiled copy per (input, output) array type: a loop that has seen Float32Array,
  // Float64Array and Int32Array reads elements megamorphically, several times slower
  const loops = new Map<string, UnaryLoop>();
  return (x, outDtype, attrs = {}) => {
    // every element is written below
    const out = allocateUnzeroed(outDtype, x.length);
    const key = `${x.constructor.name}>${outDtype}`;
    let loop = loops.get(key);
    if (loop === undefined) {
      loop = compile();
      loops.set(key, loop);
    }
    loop(x, out, ...attrNames.map((name) => attrs[name]));
    return out;
  };
}

export interface UnaryKernelOptions {
  /** Attributes the expression reads, by name. */
  attrNames?: readonly string[];
  /** The output dtype (default: the input's). */
  outDtype?: (inDtype: Dtype, attrs: Record<string, unknown>) => Dtype;
}

/** A kernel config for a unary op with input `{ x }`, computed by `expression` in `x`. */
export function unaryKernelConfig(
  kernelName: string,
  expression: string,
  options: UnaryKernelOptions = {},
): KernelConfig<CpuBackend> {
  const impl = unaryImpl(expression, options.attrNames);
  return {
    kernelName,
    backendName: "cpu",
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { x } = inputs as { x: TensorInfo };
      const dtype = options.outDtype?.(x.dtype, attrs) ?? x.dtype;
      return backend.makeOutput(impl(backend.values(x), dtype, attrs), x.shape, dtype);
    },
  };
}
