/**
 * The WebAssembly SIMD side of the CPU backend: instantiates gemm.wat (float32 GEMM; it owns the
 * memory) and lstm.wat (the LSTM step's element-wise part; it imports that memory) on first use,
 * lays out regions of that memory for a kernel call, and holds the on/off switch. Kernels use it
 * for float32 work and fall back to their TypeScript code when `cpuWasm()` is null: no WebAssembly
 * SIMD here, or switched off (`setCpuWasmEnabled(false)`, or RNNKIT_CPU_WASM=0 in the environment).
 * With more than one CPU thread (`setCpuThreads`, RNNKIT_CPU_THREADS) and Node's worker_threads, it
 * instantiates the shared-memory variants on a shared memory instead (the memory is then imported,
 * not owned by gemm.wat), with packing buffers for each thread, for gemm-threads.ts.
 */
import type * as WorkerThreads from "node:worker_threads";
import { gemmSharedWasmBase64 } from "./gemm-shared-wasm-bytes.js";
import {
  CONTROL_BYTES,
  type GemmFunction,
  type GemmScratch,
  GemmThreads,
  WORKER_THREADS_MODULE,
} from "./gemm-threads.js";
import { gemmWasmBase64 } from "./gemm-wasm-bytes.js";
import { lstmSharedWasmBase64 } from "./lstm-shared-wasm-bytes.js";
import { lstmWasmBase64 } from "./lstm-wasm-bytes.js";

// The few WebAssembly APIs used here (lib "ES2022" has no WebAssembly types).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmGlobal {
  readonly value: number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

/** gemm.wat's exports (pointers are byte addresses, flags 0/1). */
export interface GemmExports {
  memory: WasmMemory;
  gemm: GemmFunction;
  gemmFewRows(
    m: number,
    k: number,
    n: number,
    transposeB: number,
    a: number,
    b: number,
    c: number,
    accumulate: number,
  ): void;
  MR: WasmGlobal;
  NR: WasmGlobal;
  MC: WasmGlobal;
  KC: WasmGlobal;
  NC: WasmGlobal;
}

/** lstm.wat's exports. */
export interface LstmExports {
  lstmForward(
    batch: number,
    hidden: number,
    xProj: number,
    gates: number,
    c: number,
    hNew: number,
    cNew: number,
  ): void;
  gruForward(
    batch: number,
    hidden: number,
    xProj: number,
    rec: number,
    bias: number,
    h: number,
    gates: number,
    hNew: number,
  ): void;
  gruBackward(
    batch: number,
    hidden: number,
    dh: number,
    gates: number,
    h: number,
    dXProj: number,
    dRec: number,
    dhPrev: number,
  ): void;
  permuteRows(
    batchFirst: number,
    stepMajor: number,
    batch: number,
    steps: number,
    width: number,
    backwards: number,
    toStepMajor: number,
  ): void;
  lstmBackward(
    batch: number,
    hidden: number,
    dh: number,
    dc: number,
    gates: number,
    c: number,
    cNew: number,
    dXProj: number,
    dC: number,
  ): void;
  activate(which: number, x: number, out: number, n: number): void;
}

export interface CpuWasm {
  gemm: GemmExports;
  lstm: LstmExports;
  /** Byte addresses of GEMM's packing buffers and scratch tile (fixed, at the start of memory). */
  packedA: number;
  packedB: number;
  tile: number;
  /** Worker threads for large products (shared memory), or null: one thread. */
  threads: GemmThreads | null;
  /** Rows of GEMM's micro-tile: fewer rows of op(A) take the unpacked `gemmFewRows`. */
  MR: number;
  /**
   * Lays out consecutive regions of these byte sizes (each 16-byte aligned) after the fixed
   * buffers, growing memory when needed, and returns their addresses; undefined when memory cannot
   * grow that far. Regions are valid until the next call (one kernel at a time).
   */
  reserve(sizes: readonly number[]): number[] | undefined;
  /**
   * Byte address of a copy of `values` that stays in WebAssembly memory between kernel calls (a
   * weight that many small products read: W_hh and the head's weight at every generated
   * character); copied in at the first call for `owner`, undefined when memory cannot grow.
   * `owner` is the CPU backend's storage entry of the data, which tells `forgetResident` when the
   * data is disposed or handed to the caller (who may then write to it). Call it before `reserve`
   * in a kernel: a new copy moves the scratch regions.
   */
  resident(owner: object, values: Float32Array): number | undefined;
  /** Drops `owner`'s resident copy (none: nothing happens). */
  forget(owner: object): void;
  /** Bytes the resident copies take now. */
  residentBytes(): number;
  /** A float32 view of all of memory (a new one after memory grew). */
  view(): Float32Array;
}

/** Operand regions beyond this many bytes are refused (the kernel falls back to TypeScript). */
const MAX_OPERAND_BYTES = 1 << 30;
/** Resident copies above this many bytes in all: every one is dropped and copied in again on use. */
const MAX_RESIDENT_BYTES = 64 << 20;
const PAGE_BYTES = 65536;

/** Shared memories need a maximum: 4 GiB, the whole 32-bit address space. */
const SHARED_MAX_PAGES = 65536;
/** setCpuThreads accepts at most this many threads. */
const MAX_THREADS = 64;

interface NodeProcess {
  env?: Record<string, string | undefined>;
  getBuiltinModule?(id: string): unknown;
}
const nodeProcess = (globalThis as { process?: NodeProcess }).process;

/** undefined: not tried yet; null: unavailable here (no WebAssembly SIMD, or it failed to load). */
let loaded: CpuWasm | null | undefined;
/** Resident copies held by `loaded` (0: `forgetResident` has nothing to look up). */
let residentCount = 0;
let enabled = readEnvironment();
let threads = readThreads();

function readEnvironment(): boolean {
  const value = nodeProcess?.env?.RNNKIT_CPU_WASM;
  return !(value === "0" || value === "false" || value === "off");
}

/** RNNKIT_CPU_THREADS, else 2 where there are two cores or more. */
function readThreads(): number {
  const value = Number.parseInt(nodeProcess?.env?.RNNKIT_CPU_THREADS ?? "", 10);
  if (Number.isInteger(value) && value >= 1) return Math.min(value, MAX_THREADS);
  const os = nodeProcess?.getBuiltinModule?.("node:os") as
    | { availableParallelism?(): number; cpus(): unknown[] }
    | undefined;
  const cores = os === undefined ? 1 : (os.availableParallelism?.() ?? os.cpus().length);
  return cores >= 2 ? 2 : 1;
}

/** Node's worker_threads when this engine can share WebAssembly memory with them. */
function workerThreadsModule(): typeof WorkerThreads | undefined {
  if (typeof SharedArrayBuffer !== "function" || typeof Atomics !== "object") return undefined;
  try {
    const module = nodeProcess?.getBuiltinModule?.(WORKER_THREADS_MODULE) as
      | typeof WorkerThreads
      | undefined;
    return typeof module?.Worker === "function" ? module : undefined;
  } catch {
    return undefined;
  }
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The modules on a shared memory with `threadCount` scratch sets and GemmThreads, or undefined. */
function loadShared(api: WasmApi, threadCount: number): CpuWasm | null | undefined {
  const workerThreads = workerThreadsModule();
  if (workerThreads === undefined) return undefined;
  const gemmBytes = decodeBase64(gemmSharedWasmBase64);
  const lstmBytes = decodeBase64(lstmSharedWasmBase64);
  if (!api.validate(gemmBytes) || !api.validate(lstmBytes)) return undefined;
  let memory: WasmMemory;
  try {
    memory = new api.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true });
  } catch {
    return undefined; // no shared memory here (or no room to reserve it)
  }
  const gemmModule = new api.Module(gemmBytes);
  return instantiate(api, gemmModule, lstmBytes, memory, threadCount, workerThreads);
}

function instantiate(
  api: WasmApi,
  gemmModule: object,
  lstmBytes: Uint8Array,
  sharedMemory: WasmMemory | undefined,
  threadCount: number,
  workerThreads: typeof WorkerThreads | undefined,
): CpuWasm {
  const imports = sharedMemory === undefined ? {} : { env: { memory: sharedMemory } };
  const gemm = new api.Instance(gemmModule, imports).exports as GemmExports;
  const memory = gemm.memory;
  const lstm = new api.Instance(new api.Module(lstmBytes), { env: { memory } })
    .exports as LstmExports;
  // per thread: packed A block, packed B block, scratch tile; then the control block
  const scratch: GemmScratch[] = [];
  let end = 0;
  for (let t = 0; t < threadCount; t++) {
    const packedA = end;
    const packedB = packedA + 4 * gemm.MC.value * gemm.KC.value;
    const tile = packedB + 4 * gemm.KC.value * gemm.NC.value;
    end = align(tile + 4 * gemm.MR.value * gemm.NR.value);
    scratch.push({ packedA, packedB, tile });
  }
  const control = end;
  if (workerThreads !== undefined) end = align(end + CONTROL_BYTES);
  const operands = end;
  if (operands > memory.buffer.byteLength) {
    memory.grow(Math.ceil((operands - memory.buffer.byteLength) / PAGE_BYTES));
  }
  const threads =
    workerThreads === undefined
      ? null
      : new GemmThreads(
          workerThreads,
          gemmModule,
          memory,
          gemm.gemm,
          control,
          scratch,
          threadCount - 1,
        );
  const { packedA, packedB, tile } = scratch[0] as GemmScratch;
  let view = new Float32Array(memory.buffer);
  // resident copies from `operands` up to `residentEnd`, the scratch regions after them
  const residents = new Map<object, { at: number; end: number }>();
  let residentEnd = operands;
  const grow = (end: number): boolean => {
    if (end <= memory.buffer.byteLength) return true;
    try {
      memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE_BYTES));
      return true;
    } catch {
      return false; // no memory to grow into: the TypeScript path needs none
    }
  };
  return {
    gemm,
    lstm,
    packedA,
    packedB,
    tile,
    threads,
    MR: gemm.MR.value,
    reserve(sizes) {
      const addresses: number[] = [];
      let end = residentEnd;
      for (const size of sizes) {
        addresses.push(end);
        end = align(end + size);
      }
      if (end - residentEnd > MAX_OPERAND_BYTES) return undefined;
      return grow(end) ? addresses : undefined;
    },
    resident(owner, values) {
      const known = residents.get(owner);
      if (known !== undefined) return known.at;
      const bytes = values.byteLength;
      if (bytes > MAX_RESIDENT_BYTES) return undefined;
      if (residentEnd - operands + bytes > MAX_RESIDENT_BYTES) {
        residents.clear();
        residentEnd = operands;
        residentCount = 0;
      }
      const at = residentEnd;
      const end = align(at + bytes);
      if (!grow(end)) return undefined;
      this.view().set(values, at >> 2);
      residents.set(owner, { at, end });
      residentEnd = end;
      residentCount = residents.size;
      return at;
    },
    residentBytes() {
      let bytes = 0;
      for (const { at, end } of residents.values()) bytes += end - at;
      return bytes;
    },
    forget(owner) {
      const known = residents.get(owner);
      if (known === undefined) return;
      residents.delete(owner);
      residentCount = residents.size;
      // the last copy made gives its room back at once; the others at the next clear
      if (residents.size === 0) residentEnd = operands;
      else if (known.end === residentEnd) residentEnd = known.at;
    },
    view() {
      if (view.buffer !== memory.buffer) view = new Float32Array(memory.buffer);
      return view;
    },
  };
}

function load(threadCount: number): CpuWasm | null {
  try {
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (api === undefined) return null;
    if (threadCount > 1) {
      const shared = loadShared(api, threadCount);
      if (shared !== undefined) return shared;
    }
    const gemmBytes = decodeBase64(gemmWasmBase64);
    const lstmBytes = decodeBase64(lstmWasmBase64);
    // validate() is false where the engine lacks SIMD: feature detection without a throw
    if (!api.validate(gemmBytes) || !api.validate(lstmBytes)) return null;
    return instantiate(api, new api.Module(gemmBytes), lstmBytes, undefined, 1, undefined);
  } catch {
    return null;
  }
}

function align(address: number): number {
  return (address + 15) & ~15;
}

/** The WebAssembly kernels, or null when they are off or unavailable (use TypeScript then). */
export function cpuWasm(): CpuWasm | null {
  if (!enabled) return null;
  if (loaded === undefined) loaded = load(threads);
  return loaded;
}

/** Whether this JavaScript engine runs the CPU backend's WebAssembly SIMD kernels. */
export function isCpuWasmSupported(): boolean {
  if (loaded === undefined) loaded = load(threads);
  return loaded !== null;
}

/**
 * Sets how many threads the float32 WebAssembly GEMM uses for large products (the main thread and
 * n − 1 worker threads; 1: none). Default: RNNKIT_CPU_THREADS at load, else 2 where there are two
 * cores or more. Takes effect at the next kernel call; needs Node's worker_threads and
 * SharedArrayBuffer, elsewhere products stay on one thread. Results do not depend on it.
 */
export function setCpuThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
    throw new RangeError(`setCpuThreads: expected an integer from 1 to ${MAX_THREADS}, got ${n}`);
  }
  if (n === threads) return;
  threads = n;
  // between kernel calls only resident copies live in WebAssembly memory, and they are copied in
  // again on use: load again with n scratch sets
  loaded?.threads?.close();
  loaded = undefined;
  residentCount = 0;
}

/**
 * Drops the resident copy (CpuWasm.resident) of the data stored in `owner`, if there is one: the
 * CPU backend calls it when that data is disposed or handed to the caller.
 */
export function forgetResident(owner: object): void {
  if (residentCount > 0 && loaded) loaded.forget(owner);
}

/**
 * The address of `wasm`'s resident copy of a whole weight array of `size` floats when its owner is
 * known (CpuWasm.resident), else undefined: the caller copies it into scratch then.
 */
export function residentWeight(
  wasm: CpuWasm,
  owner: object | undefined,
  weight: Float32Array,
  size: number,
): number | undefined {
  if (owner === undefined || weight.length !== size) return undefined;
  return wasm.resident(owner, weight);
}

/** Bytes of resident copies held now (diagnostics and tests). */
export function residentBytes(): number {
  return loaded ? loaded.residentBytes() : 0;
}

/** The threads large float32 products run on here: the setting, or 1 when they cannot be shared. */
export function cpuThreads(): number {
  const wasm = cpuWasm();
  return wasm?.threads ? wasm.threads.workerCount + 1 : 1;
}

/**
 * Starts the GEMM's worker threads now (else they start at the first large product and join a
 * few tens of milliseconds later) and resolves with cpuThreads() once they are up.
 */
export async function whenCpuThreadsReady(): Promise<number> {
  const pool = cpuWasm()?.threads;
  if (!pool) return 1;
  pool.start();
  for (let waited = 0; pool.readyCount() < pool.workerCount; waited += 5) {
    if (waited > 30_000) return 1 + pool.readyCount();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return pool.workerCount + 1;
}

/**
 * Turns the CPU backend's WebAssembly SIMD kernels (float32 matrix products, the LSTM step) on or
 * off. On by default where supported; off when the environment variable RNNKIT_CPU_WASM=0 (or
 * "false", "off") at load. Off, every kernel runs its pure TypeScript code (float64 sums).
 */
export function setCpuWasmEnabled(on: boolean): void {
  enabled = on;
}

/** Whether float32 kernels currently go through WebAssembly. */
export function isCpuWasmEnabled(): boolean {
  return enabled && isCpuWasmSupported();
}
