/**
 * Matrix products through gemm.wat: `gemmWasm` on float32 arrays (copies in, product, copy out)
 * and `gemmAt` on operands already in WebAssembly memory.
 */
import { type CpuWasm, cpuWasm, residentWeight } from "./cpu-wasm.js";

/** Products with m·k·n below this stay on one thread (the hand-off costs more than it saves). */
export const THREAD_WORK = 1 << 22;
/** Chunks of a threaded product are multiples of this many rows (or columns) of C. */
const THREAD_ROWS = 16;
/** Chunks per thread: more even out a thread that starts late, fewer repack less. */
const CHUNKS_PER_THREAD = 2;

/**
 * C = op(A)·op(B) (or += with `accumulate`) with every operand at a byte address in `wasm`'s
 * memory; same layout as `matMulImpl` (row-major, A stored [k,m] when transposed, B stored [n,k]).
 * m, k, n ≥ 1. Large products run on the worker threads too when there are any (cpu-wasm.ts); the
 * result is the same bit for bit.
 */
export function gemmAt(
  wasm: CpuWasm,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
  a: number,
  b: number,
  c: number,
  accumulate: boolean,
): void {
  if (m < wasm.MR && (m === 1 || !transposeA)) {
    // a few rows (A stored [m,k]; a single row reads the same either way): no packing
    wasm.gemm.gemmFewRows(m, k, n, transposeB ? 1 : 0, a, b, c, accumulate ? 1 : 0);
    return;
  }
  const tA = transposeA ? 1 : 0;
  const tB = transposeB ? 1 : 0;
  // row strides of A and B as stored
  const lda = transposeA ? m : k;
  const ldb = transposeB ? k : n;
  const acc = accumulate ? 1 : 0;
  const threads = wasm.threads;
  if (threads !== null && m * k * n >= THREAD_WORK && Math.max(m, n) >= 2 * THREAD_ROWS) {
    // chunks of rows of C, or of columns when C is wider than high (each thread then packs
    // the whole of the smaller operand: the fewer rows or columns, the less repacked)
    const split = m >= n ? 0 : 1;
    const size = split === 0 ? m : n;
    const chunks = Math.min(
      CHUNKS_PER_THREAD * (threads.workerCount + 1),
      Math.floor(size / THREAD_ROWS),
    );
    const unit = THREAD_ROWS * Math.ceil(size / chunks / THREAD_ROWS);
    if (threads.run(m, k, n, tA, tB, a, lda, b, ldb, c, n, acc, split, unit)) return;
  }
  wasm.gemm.gemm(m, k, n, tA, tB, a, lda, b, ldb, c, n, acc, wasm.packedA, wasm.packedB, wasm.tile);
}

/**
 * C[m,n] = op(A)·op(B) (or += with `accumulate`) on float32 arrays through the WebAssembly GEMM,
 * same conventions as `matMulImpl` (operands start at the given offsets). Returns false, touching
 * nothing, when WebAssembly is off or unavailable or the operands do not fit, so the caller falls
 * back. m, k, n ≥ 1. `bOwner`: the CPU backend's key for B's data (CpuWasm.resident), for products
 * with fewer rows than the micro-tile.
 */
export function gemmWasm(
  a: Float32Array,
  b: Float32Array,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
  out: Float32Array,
  aOffset: number,
  bOffset: number,
  outOffset: number,
  accumulate: boolean,
  bOwner?: object,
): boolean {
  const wasm = cpuWasm();
  if (wasm === null) return false;
  // a few rows of A times a whole weight B (a batch-1 step): B stays in WebAssembly memory between
  // calls, its copy-in would cost as much as the product
  const residentB =
    m < wasm.MR && bOffset === 0 ? residentWeight(wasm, bOwner, b, k * n) : undefined;
  const regions = wasm.reserve([4 * m * k, residentB === undefined ? 4 * k * n : 0, 4 * m * n]);
  if (regions === undefined) return false;
  const [aAddress, scratchB, cAddress] = regions as [number, number, number];
  const bAddress = residentB ?? scratchB;
  const view = wasm.view();
  view.set(a.subarray(aOffset, aOffset + m * k), aAddress >> 2);
  if (residentB === undefined) view.set(b.subarray(bOffset, bOffset + k * n), bAddress >> 2);
  if (accumulate) view.set(out.subarray(outOffset, outOffset + m * n), cAddress >> 2);
  gemmAt(wasm, m, k, n, transposeA, transposeB, aAddress, bAddress, cAddress, accumulate);
  out.set(view.subarray(cAddress >> 2, (cAddress >> 2) + m * n), outOffset);
  return true;
}
