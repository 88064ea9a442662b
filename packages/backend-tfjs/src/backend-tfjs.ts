import {
  type Backend,
  type BackendMemory,
  type DataId,
  type Dtype,
  RnnkitError,
  type TensorInfo,
  type TypedArray,
} from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { describeTfjsRuntime } from "./describe-tfjs-runtime.js";
import type { TfjsRuntimeInfo } from "./load-tfjs.js";

interface Entry {
  tensor: tf.Tensor;
  /** rnnkit's dtype; a float64 tensor is held as a float32 tf.Tensor (tfjs has no float64). */
  dtype: Dtype;
}

/** The tf.Tensor dtype that stores an rnnkit dtype. */
export function tfDtype(dtype: Dtype): "float32" | "int32" {
  return dtype === "int32" ? "int32" : "float32";
}

/**
 * Storage for the tfjs backend: one tf.Tensor per data handle, on whichever tfjs backend runs
 * (`tensorflow` from tfjs-node, `wasm` or `cpu`). All math lives in `kernels/`. float64 tensors are
 * stored and computed in float32 and read back as Float64Array.
 */
export class TfjsBackend implements Backend {
  readonly name = "tfjs";
  readonly specVersion = 1 as const;
  /** What runs the math and why (see `describe()`). */
  readonly info: TfjsRuntimeInfo;
  private readonly store = new Map<DataId, Entry>();

  constructor(info: TfjsRuntimeInfo) {
    this.info = info;
  }

  /** The tfjs backend doing the math: "tensorflow" (tfjs-node, native), "wasm" or "cpu" (pure JS). */
  get runtime(): TfjsRuntimeInfo["runtime"] {
    return this.info.runtime;
  }

  /** One line saying what runs, e.g. `tfjs 4.22.0 on wasm (SIMD on, 1 thread); float64 held as float32; …`. */
  describe(): string {
    return describeTfjsRuntime(this.info);
  }

  write(values: TypedArray, shape: readonly number[], dtype: Dtype): DataId {
    // tf.tensor may keep a typed array it is given (the cpu backend does): always hand it a copy
    const copy = dtype === "int32" ? Int32Array.from(values) : Float32Array.from(values);
    return this.adopt(tf.tensor(copy, [...shape], tfDtype(dtype)), dtype);
  }

  /** Takes ownership of a tf.Tensor (disposed with the handle) and returns its handle. */
  adopt(tensor: tf.Tensor, dtype: Dtype): DataId {
    const dataId = {};
    this.store.set(dataId, { tensor, dtype });
    return dataId;
  }

  readSync(dataId: DataId): TypedArray {
    const { tensor, dtype } = this.entry(dataId);
    return toRnnkitArray(tensor.dataSync() as Float32Array | Int32Array, dtype);
  }

  async read(dataId: DataId): Promise<TypedArray> {
    const { tensor, dtype } = this.entry(dataId);
    return toRnnkitArray((await tensor.data()) as Float32Array | Int32Array, dtype);
  }

  disposeData(dataId: DataId): void {
    this.store.get(dataId)?.tensor.dispose();
    this.store.delete(dataId);
  }

  memory(): BackendMemory {
    let numBytes = 0;
    for (const { tensor } of this.store.values()) numBytes += tensor.size * 4;
    return { numDataIds: this.store.size, numBytes };
  }

  dispose(): void {
    for (const { tensor } of this.store.values()) tensor.dispose();
    this.store.clear();
  }

  /** Wraps a tf.Tensor computed by a kernel (owned from now on) as a kernel output. */
  makeOutput(tensor: tf.Tensor, dtype: Dtype): TensorInfo {
    return { dataId: this.adopt(tensor, dtype), shape: tensor.shape, dtype };
  }

  /** The tf.Tensor behind a kernel input. */
  tensor(info: TensorInfo): tf.Tensor {
    return this.entry(info.dataId).tensor;
  }

  private entry(dataId: DataId): Entry {
    const entry = this.store.get(dataId);
    if (entry === undefined)
      throw new RnnkitError("tfjs backend", "unknown or disposed data handle");
    return entry;
  }
}

function toRnnkitArray(values: Float32Array | Int32Array, dtype: Dtype): TypedArray {
  if (dtype === "float64") return Float64Array.from(values);
  if (dtype === "int32" && !(values instanceof Int32Array)) return Int32Array.from(values);
  return values;
}
