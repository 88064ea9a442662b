/**
 * The WebAssembly SIMD side of the CPU backend: instantiates gemm.wat (float32 GEMM; it owns the
 * memory) and lstm.wat (the LSTM step's element-wise part; it imports that memory) on first use,
 * lays out regions of that memory for a kernel call, and holds the on/off switch. Kernels use it
 * for float32 work and fall back to their TypeScript code when `cpuWasm()` is null: no WebAssembly
 * SIMD here, or switched off (`setCpuWasmEnabled(false)`, or RNNKIT_CPU_WASM=0 in the environment).
 */
import { gemmWasmBase64 } from "./gemm-wasm-bytes.js";
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
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

/** gemm.wat's exports (pointers are byte addresses, flags 0/1). */
export interface GemmExports {
  memory: WasmMemory;
  gemm(
    m: number,
    k: number,
    n: number,
    transposeA: number,
    transposeB: number,
    a: number,
    b: number,
    c: number,
    accumulate: number,
    packedA: number,
    packedB: number,
    tile: number,
  ): void;
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
  /** Rows of GEMM's micro-tile: fewer rows of op(A) take the unpacked `gemmFewRows`. */
  MR: number;
  /**
   * Lays out consecutive regions of these byte sizes (each 16-byte aligned) after the fixed
   * buffers, growing memory when needed, and returns their addresses; undefined when memory cannot
   * grow that far. Regions are valid until the next call (one kernel at a time).
   */
  reserve(sizes: readonly number[]): number[] | undefined;
  /** A float32 view of all of memory (a new one after memory grew). */
  view(): Float32Array;
}

/** Operand regions beyond this many bytes are refused (the kernel falls back to TypeScript). */
const MAX_OPERAND_BYTES = 1 << 30;
const PAGE_BYTES = 65536;

/** undefined: not tried yet; null: unavailable here (no WebAssembly SIMD, or it failed to load). */
let loaded: CpuWasm | null | undefined;
let enabled = readEnvironment();

function readEnvironment(): boolean {
  const environment = (globalThis as { process?: { env?: Record<string, string | undefined> } })
    .process?.env;
  const value = environment?.RNNKIT_CPU_WASM;
  return !(value === "0" || value === "false" || value === "off");
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function load(): CpuWasm | null {
  try {
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (api === undefined) return null;
    const gemmBytes = decodeBase64(gemmWasmBase64);
    const lstmBytes = decodeBase64(lstmWasmBase64);
    // validate() is false where the engine lacks SIMD: feature detection without a throw
    if (!api.validate(gemmBytes) || !api.validate(lstmBytes)) return null;
    const gemm = new api.Instance(new api.Module(gemmBytes), {}).exports as GemmExports;
    const memory = gemm.memory;
    const lstm = new api.Instance(new api.Module(lstmBytes), { env: { memory } })
      .exports as LstmExports;
    const packedA = 0;
    const packedB = packedA + 4 * gemm.MC.value * gemm.KC.value;
    const tile = packedB + 4 * gemm.KC.value * gemm.NC.value;
    const operands = align(tile + 4 * gemm.MR.value * gemm.NR.value);
    let view = new Float32Array(memory.buffer);
    return {
      gemm,
      lstm,
      packedA,
      packedB,
      tile,
      MR: gemm.MR.value,
      reserve(sizes) {
        const addresses: number[] = [];
        let end = operands;
        for (const size of sizes) {
          addresses.push(end);
          end = align(end + size);
        }
        if (end - operands > MAX_OPERAND_BYTES) return undefined;
        if (end > memory.buffer.byteLength) {
          try {
            memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE_BYTES));
          } catch {
            return undefined; // no memory to grow into: the TypeScript path needs none
          }
        }
        return addresses;
      },
      view() {
        if (view.buffer !== memory.buffer) view = new Float32Array(memory.buffer);
        return view;
      },
    };
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
  if (loaded === undefined) loaded = load();
  return loaded;
}

/** Whether this JavaScript engine runs the CPU backend's WebAssembly SIMD kernels. */
export function isCpuWasmSupported(): boolean {
  if (loaded === undefined) loaded = load();
  return loaded !== null;
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
