import type { DataId, TensorInfo } from "./backend.js";
import type { Dtype, TypedArray } from "./dtype.js";
import { engine } from "./engine.js";
import { shapeToString } from "./errors.js";

/** Nested JavaScript arrays, as `arraySync()` returns them. */
export type NestedArray = number | NestedArray[];

/**
 * A handle to an immutable n-dimensional array that lives in a backend. Values stay on the backend
 * (a GPU texture, a typed array) until `data()` / `dataSync()` reads them.
 */
export class Tensor implements TensorInfo {
  // Fields are declared here and set in the constructor only (no field initializers): a tensor is
  // made on every kernel call, and initializers are one more function call per tensor until the JIT
  // has optimized the constructor.
  declare readonly id: number;
  declare readonly shape: readonly number[];
  declare readonly dtype: Dtype;
  declare readonly size: number;
  /** @internal The backend's handle; replaced when the data moves to another backend. */
  declare dataId: DataId;
  /** @internal Name of the backend holding `dataId`. */
  declare backendName: string;
  /** @internal Number of gradient tapes that saved this tensor for their backward pass. */
  declare pins: number;
  /** @internal `dispose()` was called while pinned; the data is freed when the last pin goes. */
  declare disposeRequested: boolean;
  /** @internal Set by `keep()`: `tidy` does not dispose it. */
  declare kept: boolean;
  declare private disposedFlag: boolean;

  constructor(info: TensorInfo, backendName: string, id: number) {
    this.id = id;
    // a frozen shape (another tensor's) is shared; any other is copied, then frozen
    this.shape = Object.isFrozen(info.shape) ? info.shape : Object.freeze([...info.shape]);
    this.dtype = info.dtype;
    this.size = sizeOf(info.shape);
    this.dataId = info.dataId;
    this.backendName = backendName;
    this.pins = 0;
    this.disposeRequested = false;
    this.kept = false;
    this.disposedFlag = false;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** False while a dispose is deferred: a gradient tape still reads this tensor in its backward pass. */
  get isDisposed(): boolean {
    return this.disposedFlag;
  }

  /** @internal Called by the engine when the data is really released. */
  markDisposed(): void {
    this.disposedFlag = true;
  }

  /** A copy of the values, row-major. */
  dataSync(): TypedArray {
    return engine().readSync(this);
  }

  /** A copy of the values, row-major, without blocking where the backend allows it. */
  data(): Promise<TypedArray> {
    return engine().read(this);
  }

  /** The values as nested arrays (a number for a scalar). */
  arraySync(): NestedArray {
    return toNested(this.dataSync(), this.shape);
  }

  /** Frees the tensor's data (deferred while a gradient tape still needs it). Idempotent. */
  dispose(): void {
    engine().disposeTensor(this);
  }

  toString(): string {
    return `Tensor(${this.dtype} ${shapeToString(this.shape)})`;
  }
}

export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (let i = 0; i < shape.length; i++) size *= shape[i] as number;
  return size;
}

function toNested(values: TypedArray, shape: readonly number[]): NestedArray {
  if (shape.length === 0) return values[0] ?? 0;
  const build = (offset: number, dim: number): NestedArray[] => {
    const n = shape[dim] ?? 0;
    const stride = sizeOf(shape.slice(dim + 1));
    const out: NestedArray[] = [];
    for (let i = 0; i < n; i++) {
      out.push(
        dim === shape.length - 1 ? (values[offset + i] ?? 0) : build(offset + i * stride, dim + 1),
      );
    }
    return out;
  };
  return build(0, 0);
}
