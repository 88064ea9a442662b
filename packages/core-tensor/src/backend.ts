import type { Dtype, TypedArray } from "./dtype.js";

/**
 * The one interface every rnnkit backend implements: storage and lifecycle only.
 * All math lives in kernels (see `kernel-names.ts` and `registry.ts`), never here, so adding an op
 * never changes this interface.
 */

/** An opaque handle to data a backend owns (a typed array on the CPU, a texture or buffer on a GPU). */
export type DataId = object;

/** What a kernel receives and returns: a handle plus its shape and dtype. `Tensor` implements it. */
export interface TensorInfo {
  readonly dataId: DataId;
  readonly shape: readonly number[];
  readonly dtype: Dtype;
}

export interface BackendMemory {
  /** Number of live data handles the backend holds. */
  numDataIds: number;
  /** Bytes held, when the backend knows. */
  numBytes?: number;
}

export interface Backend {
  /** The name kernels are registered under: `"cpu"`, `"gpujs"`, `"tfjs"`. */
  readonly name: string;
  /** Bumped when this interface changes; `registerBackend` rejects a backend built for another. */
  readonly specVersion: 1;
  /** Copies host values into a new handle. The backend owns the copy; the caller keeps `values`. */
  write(values: TypedArray, shape: readonly number[], dtype: Dtype): DataId;
  /** Returns the values behind a handle, blocking until they are ready. Callers must not mutate it. */
  readSync(dataId: DataId): TypedArray;
  /** Returns the values behind a handle without blocking the thread where the backend allows it. */
  read(dataId: DataId): Promise<TypedArray>;
  /** Frees a handle. The engine calls it once, when the last tensor using the handle is disposed. */
  disposeData(dataId: DataId): void;
  /** Live handles and bytes, for leak checks. */
  memory(): BackendMemory;
  /** Frees everything the backend holds (called by `removeBackend`). */
  dispose(): void;
}

/** The interface version this core-tensor speaks. */
export const BACKEND_SPEC_VERSION = 1;
