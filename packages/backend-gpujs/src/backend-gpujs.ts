import {
  allocate,
  type Backend,
  type BackendMemory,
  type DataId,
  type Dtype,
  RnnkitError,
  sizeFromShape,
  type TensorInfo,
  type TypedArray,
} from "@rnnkit/core-tensor";
import type { Device, DeviceBuffer } from "./device/device.js";
import type { Program } from "./device/program.js";
import type { GpujsMode } from "./gpujs-mode.js";

/** One device buffer, shared by every data handle that views it (reshape, cast, split outputs). */
interface Storage {
  buffer: DeviceBuffer | undefined;
  length: number;
  refs: number;
}

/** A data handle: `size` float32 values of a storage from `offset` on, seen as `dtype`. */
interface Entry {
  storage: Storage;
  offset: number;
  size: number;
  dtype: Dtype;
}

/**
 * Storage for the gpu.js backend: every data handle views a device buffer (a WebGPU buffer or GL
 * texture kept on the device between ops; a Float32Array in cpu/webasm). Values are float32 on the
 * device whatever the dtype; `readSync` converts to the dtype's typed array (float64 tensors thus
 * carry float32 precision, int32 tensors are exact up to 2^24). All math lives in `kernels/`.
 */
export class GpujsBackend implements Backend {
  readonly name = "gpujs";
  readonly specVersion = 1 as const;
  readonly device: Device;
  private readonly store = new Map<DataId, Entry>();
  /** A 1-element buffer bound in place of empty inputs (gpu.js cannot bind empty arrays). */
  private placeholder: DeviceBuffer | undefined;
  /** Kernel launches and device-side gathers (copy batches) since creation. */
  private readonly counts = { launches: 0, gathers: 0 };

  constructor(device: Device) {
    this.device = device;
  }

  /** The gpu.js mode actually running (`webgpu`, `webasm`, `cpu`, …). */
  get mode(): GpujsMode {
    return this.device.mode;
  }

  /** The WebGPU adapter in use, in `webgpu` mode. */
  get adapter(): string | undefined {
    return this.device.adapter;
  }

  write(values: TypedArray, shape: readonly number[], dtype: Dtype): DataId {
    const size = sizeFromShape(shape);
    const buffer = size === 0 ? undefined : this.device.upload(Float32Array.from(values));
    return this.adopt({ buffer, length: size, refs: 0 }, 0, size, dtype);
  }

  readSync(dataId: DataId): TypedArray {
    const entry = this.entry(dataId);
    const out = allocate(entry.dtype, entry.size);
    if (entry.size === 0 || entry.storage.buffer === undefined) return out;
    const values = this.device.download(entry.storage.buffer);
    // Int32Array.set truncates toward zero like the CPU backend's int32 stores
    out.set(values.subarray(entry.offset, entry.offset + entry.size));
    return out;
  }

  read(dataId: DataId): Promise<TypedArray> {
    return Promise.resolve(this.readSync(dataId));
  }

  disposeData(dataId: DataId): void {
    const entry = this.store.get(dataId);
    if (entry === undefined) return;
    this.store.delete(dataId);
    const storage = entry.storage;
    storage.refs--;
    if (storage.refs === 0 && storage.buffer !== undefined) {
      this.device.release(storage.buffer);
      storage.buffer = undefined;
    }
  }

  memory(): BackendMemory {
    const storages = new Set<Storage>();
    for (const entry of this.store.values()) storages.add(entry.storage);
    let numBytes = 0;
    for (const storage of storages) numBytes += storage.length * 4;
    return { numDataIds: this.store.size, numBytes };
  }

  dispose(): void {
    for (const dataId of [...this.store.keys()]) this.disposeData(dataId);
    if (this.placeholder !== undefined) this.device.release(this.placeholder);
    this.placeholder = undefined;
    this.device.dispose();
  }

  // ---------- for kernels ----------

  /** Where an input's values start in the buffer a program receives for it. */
  offset(info: TensorInfo): number {
    return this.entry(info.dataId).offset;
  }

  /**
   * Runs `program` with the inputs' buffers as its arguments (in order) and returns its output
   * viewed as one tensor of `shape`/`dtype`, or as several `views` (consecutive regions).
   */
  run(
    program: Program,
    inputs: readonly TensorInfo[],
    shape: readonly number[],
    dtype: Dtype,
  ): TensorInfo {
    return this.runViews(program, inputs, [{ shape, dtype }])[0] as TensorInfo;
  }

  /** Like `run`, with the output split into consecutive regions, one tensor each (no copy). */
  runViews(
    program: Program,
    inputs: readonly TensorInfo[],
    views: readonly { shape: readonly number[]; dtype: Dtype }[],
  ): TensorInfo[] {
    const total = views.reduce((acc, v) => acc + sizeFromShape(v.shape), 0);
    if (total > program.size) {
      throw new RnnkitError(
        "gpujs backend",
        `views need ${total} values, the program makes ${program.size}`,
      );
    }
    let buffer: DeviceBuffer | undefined;
    if (program.size > 0) {
      const buffers = inputs.map((info) => this.entry(info.dataId).storage.buffer ?? this.empty());
      buffer = this.device.run(program, buffers);
      this.counts.launches++;
    }
    const storage: Storage = { buffer, length: program.size, refs: 0 };
    let offset = 0;
    return views.map((v) => {
      const size = sizeFromShape(v.shape);
      const info = {
        dataId: this.adopt(storage, offset, size, v.dtype),
        shape: v.shape,
        dtype: v.dtype,
      };
      offset += size;
      return info;
    });
  }

  /**
   * New tensors made by copying regions of existing ones on the device (no kernel launch; in
   * webgpu one message and one command buffer for all): each output is the concatenation of its
   * `parts` (`length` values of `info` from `start` on), split into consecutive `views`.
   */
  gather(
    outputs: readonly {
      parts: readonly { info: TensorInfo; start: number; length: number }[];
      views: readonly { shape: readonly number[]; dtype: Dtype }[];
    }[],
  ): TensorInfo[][] {
    const buffers = this.device.gather(
      outputs.map(({ parts }) =>
        parts.map(({ info, start, length }) => {
          const entry = this.entry(info.dataId);
          if (start < 0 || start + length > entry.size || entry.storage.buffer === undefined) {
            throw new RnnkitError("gpujs backend", "gather: a part lies outside its tensor");
          }
          return { buffer: entry.storage.buffer, offset: entry.offset + start, length };
        }),
      ),
    );
    this.counts.gathers++;
    return outputs.map(({ views }, k) => {
      const buffer = buffers[k] as DeviceBuffer;
      const storage: Storage = { buffer, length: buffer.length, refs: 0 };
      let offset = 0;
      return views.map((v) => {
        const size = sizeFromShape(v.shape);
        const info = {
          dataId: this.adopt(storage, offset, size, v.dtype),
          shape: v.shape,
          dtype: v.dtype,
        };
        offset += size;
        return info;
      });
    });
  }

  /** Kernel launches and gathers run so far (launches dominate the cost of small ops on a GPU). */
  launchCounts(): { launches: number; gathers: number } {
    return { ...this.counts };
  }

  /** The same values seen with another dtype or as a region of the input (no copy). */
  view(info: TensorInfo, shape: readonly number[], dtype: Dtype, offset = 0): TensorInfo {
    const entry = this.entry(info.dataId);
    const size = sizeFromShape(shape);
    return {
      dataId: this.adopt(entry.storage, entry.offset + offset, size, dtype),
      shape,
      dtype,
    };
  }

  /** Number of compiled kernels (each program source and shape compiles once). */
  kernelCount(): number {
    return this.device.kernelCount();
  }

  private adopt(storage: Storage, offset: number, size: number, dtype: Dtype): DataId {
    const dataId = {};
    storage.refs++;
    this.store.set(dataId, { storage, offset, size, dtype });
    return dataId;
  }

  private empty(): DeviceBuffer {
    this.placeholder ??= this.device.upload(new Float32Array(1));
    return this.placeholder;
  }

  private entry(dataId: DataId): Entry {
    const entry = this.store.get(dataId);
    if (entry === undefined) {
      throw new RnnkitError("gpujs backend", "unknown or disposed data handle");
    }
    return entry;
  }
}
