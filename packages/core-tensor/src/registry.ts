/**
 * The kernel registry and the backend registry, kept on `globalThis` so that two copies of
 * core-tensor in one program still share kernels, gradients and backends.
 */
import { BACKEND_SPEC_VERSION, type Backend, type TensorInfo } from "./backend.js";
import { RnnkitError } from "./errors.js";
import type { Tensor } from "./tensor.js";

/** What a kernel function receives. Inputs are typed per kernel in `kernel-names.ts`. */
export interface KernelArgs<B extends Backend = Backend> {
  inputs: Record<string, TensorInfo>;
  attrs: Record<string, unknown>;
  backend: B;
}

export interface KernelConfig<B extends Backend = Backend> {
  kernelName: string;
  backendName: string;
  kernelFunc: (args: KernelArgs<B>) => TensorInfo | TensorInfo[];
}

/** What a gradient function sees of the forward call it differentiates. */
export interface GradContext {
  inputs: Record<string, Tensor>;
  outputs: Tensor[];
  attrs: Record<string, unknown>;
  /** The gradient of every output (zeros where an output did not reach the loss). */
  dys: Tensor[];
}

/**
 * The gradient of one kernel, written with ops so it runs on every backend and is itself
 * differentiable. `gradFunc` returns one thunk per input name; only the thunks whose input needs a
 * gradient are called.
 */
export interface GradConfig {
  kernelName: string;
  gradFunc: (dy: Tensor, context: GradContext) => Record<string, () => Tensor>;
}

type BackendFactory = () => Backend;

interface Registry {
  kernels: Map<string, KernelConfig>;
  /** The same kernels by backend, then kernel name: the engine's lookup on every call. */
  kernelsByBackend?: Map<string, Map<string, KernelConfig>>;
  gradients: Map<string, GradConfig>;
  factories: Map<string, { factory: BackendFactory; priority: number }>;
  backends: Map<string, Backend>;
  active: string | undefined;
}

const KEY = Symbol.for("@rnnkit/core-tensor/registry");

/** The shared registry object (created once, never replaced: safe to hold on to). */
let shared: Registry | undefined;

function registry(): Registry {
  if (shared !== undefined) return shared;
  const g = globalThis as { [KEY]?: Registry };
  g[KEY] ??= {
    kernels: new Map(),
    gradients: new Map(),
    factories: new Map(),
    backends: new Map(),
    active: undefined,
  };
  shared = g[KEY];
  return shared;
}

export function registerKernel<B extends Backend>(config: KernelConfig<B>): void {
  const r = registry();
  r.kernels.set(`${config.backendName}_${config.kernelName}`, config as KernelConfig);
  byBackend(r, config.backendName).set(config.kernelName, config as KernelConfig);
}

export function getKernel(kernelName: string, backendName: string): KernelConfig | undefined {
  const r = registry();
  // nested lookup (no key string built per call); the flat map answers for kernels registered by
  // a copy of core-tensor that predates the index
  const found = r.kernelsByBackend?.get(backendName)?.get(kernelName);
  if (found !== undefined) return found;
  const config = r.kernels.get(`${backendName}_${kernelName}`);
  if (config !== undefined) byBackend(r, backendName).set(kernelName, config);
  return config;
}

function byBackend(r: Registry, backendName: string): Map<string, KernelConfig> {
  r.kernelsByBackend ??= new Map();
  let kernels = r.kernelsByBackend.get(backendName);
  if (kernels === undefined) {
    kernels = new Map();
    r.kernelsByBackend.set(backendName, kernels);
  }
  return kernels;
}

/** Names of the kernels registered for a backend. */
export function listKernels(backendName: string): string[] {
  const out: string[] = [];
  for (const config of registry().kernels.values()) {
    if (config.backendName === backendName) out.push(config.kernelName);
  }
  return out;
}

export function registerGradient(config: GradConfig): void {
  registry().gradients.set(config.kernelName, config);
}

export function getGradient(kernelName: string): GradConfig | undefined {
  return registry().gradients.get(kernelName);
}

/**
 * Registers a backend by name. The factory runs lazily, on the first `setBackend(name)` or when no
 * backend was chosen and this one has the highest priority. Registering a name again replaces it.
 */
export function registerBackend(name: string, factory: BackendFactory, priority = 1): void {
  const r = registry();
  const old = r.backends.get(name);
  if (old !== undefined) {
    old.dispose();
    r.backends.delete(name);
  }
  r.factories.set(name, { factory, priority });
}

/** Removes a backend and frees everything it holds. */
export function removeBackend(name: string): void {
  const r = registry();
  r.backends.get(name)?.dispose();
  r.backends.delete(name);
  r.factories.delete(name);
  if (r.active === name) r.active = undefined;
}

/** Whether a backend of that name is registered (cheap: the engine asks on every data release). */
export function hasBackend(name: string): boolean {
  return registry().factories.has(name);
}

export function listBackends(): string[] {
  return [...registry().factories.keys()];
}

/** Returns the backend instance of that name, creating it on first use. */
export function findBackend(name: string): Backend {
  const r = registry();
  const existing = r.backends.get(name);
  if (existing !== undefined) return existing;
  const entry = r.factories.get(name);
  if (entry === undefined) {
    const known = [...r.factories.keys()];
    throw new RnnkitError(
      "setBackend",
      `backend "${name}" is not registered; registered: ${known.length ? known.join(", ") : "none"} ` +
        `(import a backend package and call its register function, e.g. registerCpuBackend())`,
    );
  }
  const backend = entry.factory();
  if (backend.specVersion !== BACKEND_SPEC_VERSION) {
    throw new RnnkitError(
      "setBackend",
      `backend "${name}" implements Backend spec ${String(backend.specVersion)}, core-tensor needs ${BACKEND_SPEC_VERSION}`,
    );
  }
  if (backend.name !== name) {
    throw new RnnkitError(
      "setBackend",
      `the factory registered as "${name}" made a backend named "${backend.name}"; the names must match`,
    );
  }
  r.backends.set(name, backend);
  return backend;
}

/** Every later op runs on this backend. */
export function setBackend(name: string): Backend {
  const backend = findBackend(name);
  registry().active = name;
  return backend;
}

/** The active backend; if none was set, the registered one with the highest priority. */
export function getBackend(): Backend {
  const r = registry();
  if (r.active !== undefined) return findBackend(r.active);
  let best: string | undefined;
  let bestPriority = Number.NEGATIVE_INFINITY;
  for (const [name, { priority }] of r.factories) {
    if (priority > bestPriority) {
      best = name;
      bestPriority = priority;
    }
  }
  if (best === undefined) {
    throw new RnnkitError(
      "getBackend",
      "no backend is registered (import @rnnkit/backend-cpu and call registerCpuBackend())",
    );
  }
  r.active = best;
  return findBackend(best);
}

export function getBackendName(): string {
  return getBackend().name;
}
