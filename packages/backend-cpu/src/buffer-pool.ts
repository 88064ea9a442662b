/**
 * Recycles the typed arrays of released tensors. A fresh large typed array costs page faults,
 * zero-filling by the OS and later garbage collection (≈ 4 ms for 4 MB here, against ≈ 0.3 ms to
 * zero a reused one); a training step allocates the same sizes every time, so CpuBackend returns the
 * arrays of disposed data here and `allocate` hands them out again, zeroed.
 *
 * Only arrays that nothing else can still see come back: the backend counts live handles per
 * ArrayBuffer (a kernel output that shares an input's buffer keeps it out), takes only whole-buffer
 * arrays, and never takes an array that `dataSync`/`data` gave to the caller.
 */
import type { Dtype, TypedArray } from "@rnnkit/core-tensor";

/**
 * Arrays smaller than this are left to the garbage collector. Above a few dozen bytes V8 gives a
 * typed array its own off-heap backing store (≈ 0.6 µs for 512 bytes, ≈ 1.3 µs for 2 KB, plus the
 * collector's work to free it, against ≈ 0.04 µs to take one from the pool and zero it): the
 * batch-1 generation step allocates a handful of such arrays per character.
 */
const MIN_POOLED_BYTES = 256;

interface PoolState {
  buckets: Map<number, TypedArray[]>;
  bytes: number;
  limitBytes: number;
  reused: number;
  allocated: number;
}

const state: PoolState = {
  buckets: new Map(),
  bytes: 0,
  limitBytes: readLimit(),
  reused: 0,
  allocated: 0,
};

function readLimit(): number {
  const environment = (globalThis as { process?: { env?: Record<string, string | undefined> } })
    .process?.env;
  const mb = Number(environment?.RNNKIT_CPU_POOL_MB);
  return Number.isFinite(mb) && mb >= 0 && environment?.RNNKIT_CPU_POOL_MB !== undefined
    ? mb * 2 ** 20
    : 256 * 2 ** 20;
}

/** A bucket's key: the size and dtype in one number (no string built per allocation). */
const key = (dtype: Dtype, size: number) =>
  3 * size + (dtype === "float32" ? 0 : dtype === "float64" ? 1 : 2);

function dtypeOf(values: TypedArray): Dtype {
  if (values instanceof Float32Array) return "float32";
  if (values instanceof Float64Array) return "float64";
  return "int32";
}

function fresh(dtype: Dtype, size: number): TypedArray {
  switch (dtype) {
    case "float32":
      return new Float32Array(size);
    case "float64":
      return new Float64Array(size);
    case "int32":
      return new Int32Array(size);
  }
}

/** A zero-filled array of `size` elements: a recycled one when the pool has that size. */
export function allocate(dtype: Dtype, size: number): TypedArray {
  const bucket = state.buckets.get(key(dtype, size));
  const reused = bucket?.pop();
  if (reused !== undefined) {
    state.bytes -= reused.byteLength;
    state.reused++;
    return reused.fill(0);
  }
  state.allocated++;
  return fresh(dtype, size);
}

/**
 * Like `allocate` but a recycled array keeps its old contents: for kernels that write every
 * element of their output.
 */
export function allocateUnzeroed(dtype: Dtype, size: number): TypedArray {
  const bucket = state.buckets.get(key(dtype, size));
  const reused = bucket?.pop();
  if (reused !== undefined) {
    state.bytes -= reused.byteLength;
    state.reused++;
    return reused;
  }
  state.allocated++;
  return fresh(dtype, size);
}

/** Offers an array that no live tensor uses any more. Whole-buffer arrays only. */
export function release(values: TypedArray): void {
  const bytes = values.byteLength;
  if (bytes < MIN_POOLED_BYTES || state.bytes + bytes > state.limitBytes) return;
  if (values.byteOffset !== 0 || values.buffer.byteLength !== bytes) return;
  if (!(values.buffer instanceof ArrayBuffer)) return; // shared or WebAssembly memory
  const k = key(dtypeOf(values), values.length);
  let bucket = state.buckets.get(k);
  if (bucket === undefined) {
    bucket = [];
    state.buckets.set(k, bucket);
  }
  bucket.push(values);
  state.bytes += bytes;
}

/**
 * Caps the bytes the pool keeps (default 256 MiB, or RNNKIT_CPU_POOL_MB); 0 turns recycling off.
 * Lowering the cap empties the pool.
 */
export function setCpuPoolLimit(bytes: number): void {
  state.limitBytes = Math.max(0, bytes);
  if (state.bytes > state.limitBytes) clearCpuPool();
}

/** Drops every pooled array (the garbage collector frees them). */
export function clearCpuPool(): void {
  state.buckets.clear();
  state.bytes = 0;
}

/** Bytes held for reuse, and how many allocations were served from the pool vs freshly. */
export function cpuPoolStats(): {
  bytes: number;
  limitBytes: number;
  reused: number;
  allocated: number;
} {
  return {
    bytes: state.bytes,
    limitBytes: state.limitBytes,
    reused: state.reused,
    allocated: state.allocated,
  };
}
