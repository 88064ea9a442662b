import {
  type Backend,
  type BackendMemory,
  type DataId,
  type Dtype,
  RnnkitError,
  type TensorInfo,
  type TypedArray,
} from "@rnnkit/core-tensor";
import { allocate, release } from "./buffer-pool.js";
import { forgetResident } from "./wasm/cpu-wasm.js";

interface Entry {
  values: TypedArray;
  /** Handed to the caller by readSync/read (dataSync, data): never recycled. */
  escaped: boolean;
}

/** Live data handles per ArrayBuffer: an array is recycled only when the last one is released. */
const liveHandles = new WeakMap<ArrayBufferLike, number>();

/** Storage for the CPU backend: one typed array per data handle. All math lives in `kernels/`. */
export class CpuBackend implements Backend {
  readonly name = "cpu";
  readonly specVersion = 1 as const;
  private readonly store = new Map<DataId, Entry>();

  write(values: TypedArray, _shape: readonly number[], dtype: Dtype): DataId {
    const copy = allocate(dtype, values.length);
    copy.set(values);
    return this.adopt(copy);
  }

  /** Takes ownership of `values` (no copy) and returns its handle. */
  adopt(values: TypedArray): DataId {
    const dataId = {};
    this.store.set(dataId, { values, escaped: false });
    liveHandles.set(values.buffer, (liveHandles.get(values.buffer) ?? 0) + 1);
    return dataId;
  }

  readSync(dataId: DataId): TypedArray {
    const entry = this.entry(dataId);
    if (!entry.escaped) {
      entry.escaped = true;
      forgetResident(entry); // the caller may write to it from now on
    }
    return entry.values;
  }

  private entry(dataId: DataId): Entry {
    const entry = this.store.get(dataId);
    if (entry === undefined)
      throw new RnnkitError("cpu backend", "unknown or disposed data handle");
    return entry;
  }

  read(dataId: DataId): Promise<TypedArray> {
    return Promise.resolve(this.readSync(dataId));
  }

  disposeData(dataId: DataId): void {
    const entry = this.store.get(dataId);
    if (entry === undefined) return;
    this.store.delete(dataId);
    forgetResident(entry);
    const buffer = entry.values.buffer;
    const live = (liveHandles.get(buffer) ?? 1) - 1;
    if (live > 0) {
      liveHandles.set(buffer, live);
      return;
    }
    liveHandles.delete(buffer);
    if (!entry.escaped) release(entry.values);
  }

  memory(): BackendMemory {
    let numBytes = 0;
    for (const { values } of this.store.values()) numBytes += values.byteLength;
    return { numDataIds: this.store.size, numBytes };
  }

  dispose(): void {
    for (const entry of this.store.values()) {
      liveHandles.delete(entry.values.buffer);
      forgetResident(entry);
    }
    this.store.clear();
  }

  /** Wraps freshly computed values (owned from now on) as a kernel output. */
  makeOutput(values: TypedArray, shape: readonly number[], dtype: Dtype): TensorInfo {
    return { dataId: this.adopt(values), shape, dtype };
  }

  /**
   * A key for a copy of a kernel input kept in WebAssembly memory between calls (CpuWasm.resident):
   * the input's storage entry, which lives as long as the data is neither disposed nor handed to
   * the caller (`dataSync`/`data`); undefined once it has been handed out (it may be written to).
   */
  residentOwner(info: TensorInfo): object | undefined {
    const entry = this.entry(info.dataId);
    return entry.escaped ? undefined : entry;
  }

  /** The values of a kernel input. */
  values(info: TensorInfo): TypedArray {
    return this.entry(info.dataId).values;
  }
}
