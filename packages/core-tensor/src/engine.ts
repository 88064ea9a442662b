/**
 * The engine: runs kernels on the active backend, wraps their outputs in tensors, counts data
 * references, keeps `tidy` scopes, and records gradient tapes. State lives on `globalThis`, next to
 * the registry, so every copy of core-tensor shares it.
 */
import type { Backend, DataId, TensorInfo } from "./backend.js";
import { allocate, type Dtype, isFloat, type TypedArray } from "./dtype.js";
import { RnnkitError, shapeToString } from "./errors.js";
import { findBackend, getBackend, getGradient, getKernel, hasBackend } from "./registry.js";
import { Tensor } from "./tensor.js";

/** One recorded kernel call. */
export interface TapeNode {
  kernelName: string;
  inputs: Record<string, Tensor>;
  outputs: Tensor[];
  attrs: Record<string, unknown>;
}

export interface Tape {
  nodes: TapeNode[];
  /** Ids of tensors that depend on a source (only their consumers are recorded). */
  tracked: Set<number>;
}

interface Scope {
  tensors: Tensor[];
}

interface EngineState {
  nextTensorId: number;
  numTensors: number;
  refCounts: Map<DataId, number>;
  scopes: Scope[];
  tapes: Tape[];
}

const KEY = Symbol.for("@rnnkit/core-tensor/engine");

class Engine {
  private readonly state: EngineState;

  constructor(state: EngineState) {
    this.state = state;
  }

  // ---------- tensors and data ----------

  /** Wraps a backend handle in a new tensor, counted and tracked by the current tidy scope. */
  makeTensor(info: TensorInfo, backendName: string): Tensor {
    const t = new Tensor(info, backendName, this.nextId());
    this.adopt(t, true);
    return t;
  }

  /** @internal A fresh tensor id. */
  nextId(): number {
    return this.state.nextTensorId++;
  }

  /** @internal Counts a new tensor object (and its data reference); `scoped` puts it in the tidy scope. */
  adopt(t: Tensor, scoped: boolean): void {
    this.incRef(t.dataId);
    this.state.numTensors++;
    const scopes = this.state.scopes;
    if (scoped && scopes.length > 0) (scopes[scopes.length - 1] as Scope).tensors.push(t);
  }

  /** Writes host values to the active backend and returns a tensor. */
  makeTensorFromValues(values: TypedArray, shape: readonly number[], dtype: Dtype): Tensor {
    const backend = getBackend();
    const dataId = backend.write(values, shape, dtype);
    return this.makeTensor({ dataId, shape, dtype }, backend.name);
  }

  private incRef(dataId: DataId): void {
    this.state.refCounts.set(dataId, (this.state.refCounts.get(dataId) ?? 0) + 1);
  }

  private decRef(dataId: DataId, backendName: string): void {
    const count = (this.state.refCounts.get(dataId) ?? 0) - 1;
    if (count > 0) {
      this.state.refCounts.set(dataId, count);
      return;
    }
    this.state.refCounts.delete(dataId);
    // removeBackend already freed all of a removed backend's data
    if (hasBackend(backendName)) findBackend(backendName).disposeData(dataId);
  }

  disposeTensor(t: Tensor): void {
    if (t.isDisposed) return;
    if (t.pins > 0) {
      t.disposeRequested = true;
      return;
    }
    this.release(t);
  }

  private release(t: Tensor): void {
    t.markDisposed();
    this.state.numTensors--;
    this.decRef(t.dataId, t.backendName);
  }

  /** Points a tensor (a variable being assigned) at another tensor's data. */
  replaceData(target: Tensor, source: TensorInfo, backendName: string): void {
    this.incRef(source.dataId);
    const oldId = target.dataId;
    const oldBackend = target.backendName;
    target.dataId = source.dataId;
    target.backendName = backendName;
    this.decRef(oldId, oldBackend);
  }

  readSync(t: Tensor): TypedArray {
    this.assertAlive(t, "dataSync");
    return findBackend(t.backendName).readSync(t.dataId).slice();
  }

  async read(t: Tensor): Promise<TypedArray> {
    this.assertAlive(t, "data");
    const values = await findBackend(t.backendName).read(t.dataId);
    return values.slice();
  }

  private assertAlive(t: Tensor, where: string): void {
    if (t.isDisposed) throw new RnnkitError(where, `${t.toString()} (id ${t.id}) is disposed`);
  }

  /** Copies a tensor's data to another backend (used when the active backend changed). */
  private moveTo(t: Tensor, backend: Backend): void {
    const values = findBackend(t.backendName).readSync(t.dataId);
    const dataId = backend.write(values, t.shape, t.dtype);
    this.replaceData(t, { dataId, shape: t.shape, dtype: t.dtype }, backend.name);
  }

  // ---------- kernels ----------

  runKernel(
    kernelName: string,
    inputs: Record<string, Tensor>,
    attrs: Record<string, unknown> = {},
  ): Tensor | Tensor[] {
    const backend = getBackend();
    const backendName = backend.name;
    for (const name in inputs) {
      const input = inputs[name] as Tensor;
      if (input.isDisposed) {
        throw new RnnkitError(kernelName, `input "${name}" ${input.toString()} is disposed`);
      }
      if (input.backendName !== backendName) this.moveTo(input, backend);
    }
    const kernel = getKernel(kernelName, backendName);
    if (kernel === undefined) {
      throw new RnnkitError(
        kernelName,
        `kernel "${kernelName}" is not registered for backend "${backend.name}"`,
      );
    }
    const result = kernel.kernelFunc({ inputs, attrs, backend });
    // no tape records anything while no gradient is being taken
    const recording = this.state.tapes.length > 0;
    if (!Array.isArray(result)) {
      const output = this.makeTensor(result, backendName);
      if (recording) this.record(kernelName, inputs, [output], attrs);
      return output;
    }
    const outputs: Tensor[] = new Array(result.length);
    for (let i = 0; i < result.length; i++) {
      outputs[i] = this.makeTensor(result[i] as TensorInfo, backendName);
    }
    if (recording) this.record(kernelName, inputs, outputs, attrs);
    return outputs;
  }

  private record(
    kernelName: string,
    inputs: Record<string, Tensor>,
    outputs: Tensor[],
    attrs: Record<string, unknown>,
  ): void {
    for (const tape of this.state.tapes) {
      let depends = false;
      for (const name in inputs) {
        if (tape.tracked.has((inputs[name] as Tensor).id)) {
          depends = true;
          break;
        }
      }
      if (!depends) continue;
      for (const name in inputs) (inputs[name] as Tensor).pins++;
      for (const output of outputs) {
        output.pins++;
        if (isFloat(output.dtype)) tape.tracked.add(output.id);
      }
      tape.nodes.push({ kernelName, inputs, outputs, attrs });
    }
  }

  // ---------- tidy scopes ----------

  tidy<R>(fn: () => R): R {
    const scope: Scope = { tensors: [] };
    this.state.scopes.push(scope);
    let result: R;
    try {
      result = fn();
      if (result instanceof Promise) {
        throw new RnnkitError(
          "tidy",
          "the function returned a Promise; tidy takes synchronous functions",
        );
      }
    } catch (error) {
      // a throwing (or async) fn leaks nothing: free its scope, kept tensors aside
      for (const t of scope.tensors) if (!t.kept) this.disposeTensor(t);
      throw error;
    } finally {
      this.state.scopes.pop();
    }
    if (scope.tensors.length === 0) return result;
    // a single returned tensor needs no search of the result
    let keep: Set<Tensor> | undefined;
    if (!(result instanceof Tensor)) {
      keep = new Set<Tensor>();
      collectTensors(result, keep);
    }
    const scopes = this.state.scopes;
    const parent = scopes.length > 0 ? scopes[scopes.length - 1] : undefined;
    // indexed loops here and below: cheaper than iterators before the JIT has optimized them
    const tensors = scope.tensors;
    for (let i = 0; i < tensors.length; i++) {
      const t = tensors[i] as Tensor;
      if (t.kept || (keep === undefined ? t === result : keep.has(t))) parent?.tensors.push(t);
      else this.disposeTensor(t);
    }
    return result;
  }

  /** Shields a tensor from the enclosing `tidy` scopes. */
  keep<T extends Tensor>(t: T): T {
    t.kept = true;
    return t;
  }

  // ---------- gradient tapes ----------

  startTape(sources: readonly Tensor[]): Tape {
    const tape: Tape = { nodes: [], tracked: new Set() };
    for (const s of sources) {
      if (!isFloat(s.dtype)) {
        throw new RnnkitError("grad", `cannot differentiate with respect to a ${s.dtype} tensor`);
      }
      tape.tracked.add(s.id);
    }
    this.state.tapes.push(tape);
    return tape;
  }

  stopTape(tape: Tape): void {
    const i = this.state.tapes.lastIndexOf(tape);
    if (i >= 0) this.state.tapes.splice(i, 1);
  }

  /** Releases what a tape saved; tensors whose dispose was deferred are freed now. */
  releaseTape(tape: Tape): void {
    for (const node of tape.nodes) {
      for (const t of [...Object.values(node.inputs), ...node.outputs]) {
        t.pins--;
        if (t.pins === 0 && t.disposeRequested) {
          t.disposeRequested = false;
          this.release(t);
        }
      }
    }
    tape.nodes.length = 0;
  }

  /**
   * Reverse pass over a tape: returns d(sum(y · dy))/d(source) for every source (undefined where the
   * source does not reach y). Must run inside a tidy that keeps the returned tensors.
   * Gradients are freed as soon as nothing needs them: an output's gradient once its node is
   * processed (every consumer of an output comes later on the tape), a partial sum once the next
   * term is added, and whatever a gradient function makes besides its results (a tidy per node).
   */
  backward(tape: Tape, y: Tensor, dy: Tensor, sources: readonly Tensor[]): (Tensor | undefined)[] {
    const firstId = this.state.nextTensorId; // tensors made from here on belong to this pass
    const sourceIds = new Set(sources.map((s) => s.id));
    const grads = new Map<number, Tensor>();
    const uses = new Map<Tensor, number>(); // how many entries of `grads` hold each tensor
    const hold = (id: number, g: Tensor): void => {
      grads.set(id, g);
      uses.set(g, (uses.get(g) ?? 0) + 1);
    };
    const freeIfUnused = (g: Tensor): void => {
      if (!uses.has(g) && g.id >= firstId) this.disposeTensor(g);
    };
    const drop = (id: number): void => {
      const g = grads.get(id);
      if (g === undefined) return;
      grads.delete(id);
      const count = (uses.get(g) as number) - 1;
      if (count > 0) uses.set(g, count);
      else {
        uses.delete(g);
        freeIfUnused(g);
      }
    };
    hold(y.id, dy);
    for (let n = tape.nodes.length - 1; n >= 0; n--) {
      const node = tape.nodes[n] as TapeNode;
      const outputGrads = node.outputs.map((o) => grads.get(o.id));
      if (outputGrads.every((g) => g === undefined)) continue;
      const config = getGradient(node.kernelName);
      if (config === undefined) {
        throw new RnnkitError("grad", `no gradient is registered for kernel "${node.kernelName}"`);
      }
      const targets: Tensor[] = [];
      for (const name in node.inputs) {
        const input = node.inputs[name] as Tensor;
        if (tape.tracked.has(input.id) && isFloat(input.dtype)) targets.push(input);
      }
      const computed = this.tidy(() => {
        const dys = node.outputs.map(
          (o, i) =>
            outputGrads[i] ??
            this.makeTensorFromValues(allocate(o.dtype, o.size), o.shape, o.dtype),
        );
        const thunks = config.gradFunc(dys[0] as Tensor, {
          inputs: node.inputs,
          outputs: node.outputs,
          attrs: node.attrs,
          dys,
        });
        return Object.entries(node.inputs)
          .filter(([, input]) => targets.includes(input))
          .map(([name, input]) => {
            const thunk = thunks[name];
            if (thunk === undefined) {
              throw new RnnkitError(
                "grad",
                `the gradient of "${node.kernelName}" gives nothing for input "${name}"`,
              );
            }
            const g = thunk();
            if (!sameShape(g.shape, input.shape)) {
              throw new RnnkitError(
                "grad",
                `the gradient of "${node.kernelName}" for input "${name}" has shape ${shapeToString(g.shape)}, the input is ${shapeToString(input.shape)}`,
              );
            }
            return [input, g] as const;
          });
      });
      for (const [input, g] of computed) {
        const previous = grads.get(input.id);
        if (previous === undefined) {
          hold(input.id, g);
          continue;
        }
        const total = this.runKernel("Add", { a: previous, b: g }) as Tensor;
        drop(input.id);
        freeIfUnused(g);
        hold(input.id, total);
      }
      // every consumer of these outputs came later on the tape: their gradients are complete
      for (const o of node.outputs) if (!sourceIds.has(o.id)) drop(o.id);
    }
    return sources.map((s) => grads.get(s.id));
  }

  // ---------- introspection ----------

  memory(): { numTensors: number; numDataIds: number } {
    return { numTensors: this.state.numTensors, numDataIds: this.state.refCounts.size };
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Finds every tensor inside a value (arrays, plain objects, Maps). */
export function collectTensors(value: unknown, into: Set<Tensor>): void {
  if (value instanceof Tensor) {
    into.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectTensors(v, into);
  } else if (value instanceof Map) {
    for (const v of value.values()) collectTensors(v, into);
  } else if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value)) {
    for (const v of Object.values(value)) collectTensors(v, into);
  }
}

let cached: Engine | undefined;

export function engine(): Engine {
  if (cached !== undefined) return cached;
  const g = globalThis as { [KEY]?: EngineState };
  g[KEY] ??= { nextTensorId: 0, numTensors: 0, refCounts: new Map(), scopes: [], tapes: [] };
  cached = new Engine(g[KEY]);
  return cached;
}

/** Runs `fn` and disposes every tensor it created except those it returns (or `keep`s). */
export function tidy<R>(fn: () => R): R {
  return engine().tidy(fn);
}

/** Shields a tensor from the enclosing `tidy` scopes. */
export function keep<T extends Tensor>(t: T): T {
  return engine().keep(t);
}

/** Disposes every tensor found in `value` (a tensor, an array, an object of tensors). */
export function dispose(value: unknown): void {
  const found = new Set<Tensor>();
  collectTensors(value, found);
  for (const t of found) t.dispose();
}

/**
 * The same values, cut from every gradient tape: gradients do not flow through the result (shares
 * the data, no copy). Truncated BPTT uses it to carry a state into the next chunk.
 */
export function detach(x: Tensor): Tensor {
  if (x.isDisposed) throw new RnnkitError("detach", `${x.toString()} is disposed`);
  return engine().makeTensor({ dataId: x.dataId, shape: x.shape, dtype: x.dtype }, x.backendName);
}

/** Live tensors and data handles, for leak checks. */
export function memory(): { numTensors: number; numDataIds: number } {
  return engine().memory();
}

export function runKernel(
  kernelName: string,
  inputs: Record<string, Tensor>,
  attrs?: Record<string, unknown>,
): Tensor {
  const out = engine().runKernel(kernelName, inputs, attrs);
  if (Array.isArray(out)) throw new RnnkitError(kernelName, "kernel returned several outputs");
  return out;
}

export function runKernelMulti(
  kernelName: string,
  inputs: Record<string, Tensor>,
  attrs?: Record<string, unknown>,
): Tensor[] {
  const out = engine().runKernel(kernelName, inputs, attrs);
  return Array.isArray(out) ? out : [out];
}
