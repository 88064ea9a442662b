import {
  allocate,
  type Backend,
  type BackendMemory,
  type DataId,
  type Dtype,
  RnnkitError,
  type TensorInfo,
  type TypedArray,
} from "@rnnkit/core-tensor";

interface Entry {
  values: TypedArray;
}

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
    this.store.set(dataId, { values });
    return dataId;
  }

  readSync(dataId: DataId): TypedArray {
    const entry = this.store.get(dataId);
    if (entry === undefined)
      throw new RnnkitError("cpu backend", "unknown or disposed data handle");
    return entry.values;
  }

  read(dataId: DataId): Promise<TypedArray> {
    return Promise.resolve(this.readSync(dataId));
  }

  disposeData(dataId: DataId): void {
    this.store.delete(dataId);
  }

  memory(): BackendMemory {
    let numBytes = 0;
    for (const { values } of this.store.values()) numBytes += values.byteLength;
    return { numDataIds: this.store.size, numBytes };
  }

  dispose(): void {
    this.store.clear();
  }

  /** Wraps freshly computed values (owned from now on) as a kernel output. */
  makeOutput(values: TypedArray, shape: readonly number[], dtype: Dtype): TensorInfo {
    return { dataId: this.adopt(values), shape, dtype };
  }

  /** The values of a kernel input. */
  values(info: TensorInfo): TypedArray {
    return this.readSync(info.dataId);
  }
}
