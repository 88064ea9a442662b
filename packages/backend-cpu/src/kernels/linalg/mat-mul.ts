/**
 * Matrix product on typed arrays. float32 products go to a WebAssembly SIMD GEMM where the engine
 * has WebAssembly SIMD (wasm/gemm.wat, float32 sums; see wasm/gemm-wasm.ts for the switch).
 * Otherwise (float64, int32, no SIMD, or switched off), in TypeScript:
 * large products use a cache-blocked GEMM in the GotoBLAS layout:
 * a KC×NC block of op(B) is packed into NR-wide column panels and an MC×KC block of op(A) into
 * MR-high row panels (both as float64, zero-padded to full panels, transposes resolved while
 * packing), then a 4×4 micro-kernel keeps its 16 accumulators in locals and streams both panels
 * from contiguous memory. Small products (a row vector, a thin matrix) skip the packing.
 */
import {
  type KernelConfig,
  kernels,
  matMulGeometry,
  sizeFromShape,
  type TensorInfo,
  type TypedArray,
} from "@rnnkit/core-tensor";
import type { CpuBackend } from "../../backend-cpu.js";
import { allocate, allocateUnzeroed } from "../../buffer-pool.js";
import { gemmWasm } from "../../wasm/gemm-wasm.js";
import { fillRows } from "./fill-rows.js";
import { sparseMatMul } from "./sparse-mat-mul.js";

/** Micro-tile: MR rows of C by NR columns, 16 accumulators (what fits V8's registers best). */
const MR = 4;
const NR = 4;
/** Depth of one packed block: a KC×NR panel of B (8 KiB) stays in L1 while A panels stream. */
const KC = 256;
/** Rows of A packed at once (MC×KC doubles = 128 KiB, kept in L2). */
const MC = 64;
/** Columns of B packed at once (KC×NC doubles = 1 MiB, kept in L2/L3). */
const NC = 512;
/** Below this many rows or columns, packing costs more than it saves. */
const SMALL = 8;
/**
 * float32 products with at least this many multiply-adds (m·k·n) go to the WebAssembly SIMD GEMM
 * (below it, a call and the copies in and out cost more than the product).
 */
const WASM_MIN_WORK = 512;

// Scratch buffers reused across calls (grow only). Kernels run one at a time on the JS thread.
let packedA = new Float64Array(MC * KC);
let packedB = new Float64Array(KC * NC);
let rowScratch = new Float64Array(64);
const edgeTile = new Float64Array(MR * NR);

export interface MatMulOptions {
  /** Where op(A)'s first element sits in `a` (default 0). */
  aOffset?: number;
  /** Where op(B)'s first element sits in `b` (default 0). */
  bOffset?: number;
  /** Where C's first element goes in `out` (default 0). */
  outOffset?: number;
  /**
   * The CPU backend's key for B's data (`residentOwner`): with a few rows of A, the WebAssembly
   * GEMM keeps B in its memory between calls instead of copying it in each time.
   */
  bOwner?: object;
  /** out += A·B instead of out = A·B (default false). */
  accumulate?: boolean;
  /** out = A·B + bias with bias [n] in every row (C starts at the bias; `accumulate` is ignored). */
  bias?: TypedArray;
}

/**
 * C[m,n] = op(A)[m,k] · op(B)[k,n] into `out` (row-major, leading dimension n), where op(A) = Aᵀ
 * when `transposeA` (A stored [k,m]) and op(B) = Bᵀ when `transposeB` (B stored [n,k]). When a, b
 * and out are all Float32Arrays and the WebAssembly GEMM is on, sums run in float32 (one rounding
 * per product and per addition, as float32 BLAS does); otherwise they run in float64 whatever the
 * arrays' types (a float32 `out` rounds once per KC-deep block). Returns `out`.
 */
export function matMulImpl(
  a: TypedArray,
  b: TypedArray,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
  out: TypedArray,
  options: MatMulOptions = {},
): TypedArray {
  const aOffset = options.aOffset ?? 0;
  const bOffset = options.bOffset ?? 0;
  const outOffset = options.outOffset ?? 0;
  const bias = options.bias;
  let accumulate = bias === undefined && (options.accumulate ?? false);
  if (m === 0 || n === 0) return out;
  if (k === 0) {
    if (bias !== undefined) fillRows(out, outOffset, bias, m, n);
    else if (!accumulate) out.fill(0, outOffset, outOffset + m * n);
    return out;
  }
  // a mostly-zero operand (one-hot input and its weight gradient): only the non-zero terms (with a
  // bias, folded into op(B)'s rows once)
  if (
    sparseMatMul(
      a,
      b,
      m,
      k,
      n,
      transposeA,
      transposeB,
      out,
      aOffset,
      bOffset,
      outOffset,
      accumulate,
      bias,
    )
  ) {
    return out;
  }
  if (bias !== undefined) {
    // C starts as the bias in every row and the product accumulates into it
    fillRows(out, outOffset, bias, m, n);
    accumulate = true;
  }
  if (
    out instanceof Float32Array &&
    a instanceof Float32Array &&
    b instanceof Float32Array &&
    m * k * n >= WASM_MIN_WORK &&
    gemmWasm(
      a,
      b,
      m,
      k,
      n,
      transposeA,
      transposeB,
      out,
      aOffset,
      bOffset,
      outOffset,
      accumulate,
      options.bOwner,
    )
  ) {
    return out;
  }
  if (m < SMALL || n < SMALL || k < SMALL) {
    matMulSmall(
      a,
      b,
      m,
      k,
      n,
      transposeA,
      transposeB,
      out,
      aOffset,
      bOffset,
      outOffset,
      accumulate,
    );
    return out;
  }
  const mcMax = Math.min(MC, roundUp(m, MR));
  const ncMax = Math.min(NC, roundUp(n, NR));
  const kcMax = Math.min(KC, k);
  if (packedA.length < mcMax * kcMax) packedA = new Float64Array(mcMax * kcMax);
  if (packedB.length < kcMax * ncMax) packedB = new Float64Array(kcMax * ncMax);
  const pa = packedA;
  const pb = packedB;
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = Math.min(KC, k - p0);
      const overwrite = p0 === 0 && !accumulate;
      if (transposeB) packBTransposed(b, bOffset, k, p0, kc, j0, nc, pb);
      else packB(b, bOffset, n, p0, kc, j0, nc, pb);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = Math.min(MC, m - i0);
        if (transposeA) packATransposed(a, aOffset, m, p0, kc, i0, mc, pa);
        else packA(a, aOffset, k, p0, kc, i0, mc, pa);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = Math.min(NR, nc - jr);
          const bPanel = jr * kc;
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = Math.min(MR, mc - ir);
            const cOffset = outOffset + (i0 + ir) * n + j0 + jr;
            if (mr === MR && nr === NR) {
              microKernel(kc, pa, ir * kc, pb, bPanel, out, cOffset, n, overwrite);
            } else {
              microKernel(kc, pa, ir * kc, pb, bPanel, edgeTile, 0, NR, true);
              for (let i = 0; i < mr; i++) {
                for (let j = 0; j < nr; j++) {
                  const o = cOffset + i * n + j;
                  const v = edgeTile[i * NR + j] as number;
                  out[o] = overwrite ? v : (out[o] as number) + v;
                }
              }
            }
          }
        }
      }
    }
  }
  return out;
}

function roundUp(x: number, multiple: number): number {
  return Math.ceil(x / multiple) * multiple;
}

/**
 * C[4×4] (= or +=) Σ_p Ap[p,0..3]ᵀ · Bp[p,0..3]: `ap` holds kc groups of MR row values, `bp` kc
 * groups of NR column values, both contiguous.
 */
function microKernel(
  kc: number,
  ap: Float64Array,
  aStart: number,
  bp: Float64Array,
  bStart: number,
  c: TypedArray,
  cOffset: number,
  ldc: number,
  overwrite: boolean,
): void {
  let c00 = 0;
  let c01 = 0;
  let c02 = 0;
  let c03 = 0;
  let c10 = 0;
  let c11 = 0;
  let c12 = 0;
  let c13 = 0;
  let c20 = 0;
  let c21 = 0;
  let c22 = 0;
  let c23 = 0;
  let c30 = 0;
  let c31 = 0;
  let c32 = 0;
  let c33 = 0;
  let ai = aStart;
  let bi = bStart;
  for (let p = 0; p < kc; p++) {
    const a0 = ap[ai] as number;
    const a1 = ap[ai + 1] as number;
    const a2 = ap[ai + 2] as number;
    const a3 = ap[ai + 3] as number;
    const b0 = bp[bi] as number;
    const b1 = bp[bi + 1] as number;
    const b2 = bp[bi + 2] as number;
    const b3 = bp[bi + 3] as number;
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
    ai += MR;
    bi += NR;
  }
  const r0 = cOffset;
  const r1 = r0 + ldc;
  const r2 = r1 + ldc;
  const r3 = r2 + ldc;
  if (!overwrite) {
    c00 += c[r0] as number;
    c01 += c[r0 + 1] as number;
    c02 += c[r0 + 2] as number;
    c03 += c[r0 + 3] as number;
    c10 += c[r1] as number;
    c11 += c[r1 + 1] as number;
    c12 += c[r1 + 2] as number;
    c13 += c[r1 + 3] as number;
    c20 += c[r2] as number;
    c21 += c[r2 + 1] as number;
    c22 += c[r2 + 2] as number;
    c23 += c[r2 + 3] as number;
    c30 += c[r3] as number;
    c31 += c[r3 + 1] as number;
    c32 += c[r3 + 2] as number;
    c33 += c[r3 + 3] as number;
  }
  c[r0] = c00;
  c[r0 + 1] = c01;
  c[r0 + 2] = c02;
  c[r0 + 3] = c03;
  c[r1] = c10;
  c[r1 + 1] = c11;
  c[r1 + 2] = c12;
  c[r1 + 3] = c13;
  c[r2] = c20;
  c[r2 + 1] = c21;
  c[r2 + 2] = c22;
  c[r2 + 3] = c23;
  c[r3] = c30;
  c[r3 + 1] = c31;
  c[r3 + 2] = c32;
  c[r3 + 3] = c33;
}

// ---- packing: op(A)[i0:i0+mc, p0:p0+kc] → MR-high panels, pa[panel·kc·MR + p·MR + ii] ----

/** A stored [m,k]: each row of A is read contiguously. */
function packA(
  a: TypedArray,
  aOffset: number,
  k: number,
  p0: number,
  kc: number,
  i0: number,
  mc: number,
  pa: Float64Array,
): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const panel = ir * kc;
    for (let ii = 0; ii < MR; ii++) {
      let dst = panel + ii;
      if (ir + ii < mc) {
        let src = aOffset + (i0 + ir + ii) * k + p0;
        for (let p = 0; p < kc; p++) {
          pa[dst] = a[src++] as number;
          dst += MR;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          pa[dst] = 0;
          dst += MR;
        }
      }
    }
  }
}

/** A stored [k,m] (transposeA): MR consecutive values of one row of A form one group. */
function packATransposed(
  a: TypedArray,
  aOffset: number,
  m: number,
  p0: number,
  kc: number,
  i0: number,
  mc: number,
  pa: Float64Array,
): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = Math.min(MR, mc - ir);
    let dst = ir * kc;
    for (let p = 0; p < kc; p++) {
      const src = aOffset + (p0 + p) * m + i0 + ir;
      for (let ii = 0; ii < MR; ii++) pa[dst + ii] = ii < rows ? (a[src + ii] as number) : 0;
      dst += MR;
    }
  }
}

// ---- packing: op(B)[p0:p0+kc, j0:j0+nc] → NR-wide panels, pb[panel·kc·NR + p·NR + jj] ----

/** B stored [k,n]: NR consecutive values of one row of B form one group. */
function packB(
  b: TypedArray,
  bOffset: number,
  n: number,
  p0: number,
  kc: number,
  j0: number,
  nc: number,
  pb: Float64Array,
): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = Math.min(NR, nc - jr);
    let dst = jr * kc;
    let src = bOffset + p0 * n + j0 + jr;
    if (cols === NR) {
      for (let p = 0; p < kc; p++) {
        pb[dst] = b[src] as number;
        pb[dst + 1] = b[src + 1] as number;
        pb[dst + 2] = b[src + 2] as number;
        pb[dst + 3] = b[src + 3] as number;
        dst += NR;
        src += n;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let jj = 0; jj < NR; jj++) pb[dst + jj] = jj < cols ? (b[src + jj] as number) : 0;
        dst += NR;
        src += n;
      }
    }
  }
}

/** B stored [n,k] (transposeB): each row of the stored B is read contiguously. */
function packBTransposed(
  b: TypedArray,
  bOffset: number,
  k: number,
  p0: number,
  kc: number,
  j0: number,
  nc: number,
  pb: Float64Array,
): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const panel = jr * kc;
    for (let jj = 0; jj < NR; jj++) {
      let dst = panel + jj;
      if (jr + jj < nc) {
        let src = bOffset + (j0 + jr + jj) * k + p0;
        for (let p = 0; p < kc; p++) {
          pb[dst] = b[src++] as number;
          dst += NR;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          pb[dst] = 0;
          dst += NR;
        }
      }
    }
  }
}

/**
 * Unpacked loops for thin products (a row vector times a matrix, a matrix times a few columns).
 * With op(B) = Bᵀ each output is a dot product of two contiguous rows, computed 4 outputs at a
 * time (4 independent sums share each load of A). Otherwise each output row accumulates rows of
 * B scaled by A[i,p], 4 rows of B per pass over the float64 scratch row.
 */
function matMulSmall(
  a: TypedArray,
  b: TypedArray,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
  out: TypedArray,
  aOffset: number,
  bOffset: number,
  outOffset: number,
  accumulate: boolean,
): void {
  // A[i,p] = a[aOffset + i·aRow + p·aCol]
  const aRow = transposeA ? 1 : k;
  const aCol = transposeA ? m : 1;
  if (transposeB) {
    // B[p,j] = b[bOffset + j·k + p]
    const k2 = 2 * k;
    const k3 = 3 * k;
    for (let i = 0; i < m; i++) {
      const aStart = aOffset + i * aRow;
      const outRow = outOffset + i * n;
      let j = 0;
      for (; j + 4 <= n; j += 4) {
        let acc0 = 0;
        let acc1 = 0;
        let acc2 = 0;
        let acc3 = 0;
        let ai = aStart;
        let bi = bOffset + j * k;
        for (let p = 0; p < k; p++) {
          const x = a[ai] as number;
          acc0 += x * (b[bi] as number);
          acc1 += x * (b[bi + k] as number);
          acc2 += x * (b[bi + k2] as number);
          acc3 += x * (b[bi + k3] as number);
          ai += aCol;
          bi++;
        }
        const o = outRow + j;
        if (accumulate) {
          acc0 += out[o] as number;
          acc1 += out[o + 1] as number;
          acc2 += out[o + 2] as number;
          acc3 += out[o + 3] as number;
        }
        out[o] = acc0;
        out[o + 1] = acc1;
        out[o + 2] = acc2;
        out[o + 3] = acc3;
      }
      for (; j < n; j++) {
        let acc = 0;
        let ai = aStart;
        let bi = bOffset + j * k;
        for (let p = 0; p < k; p++) {
          acc += (a[ai] as number) * (b[bi++] as number);
          ai += aCol;
        }
        out[outRow + j] = accumulate ? (out[outRow + j] as number) + acc : acc;
      }
    }
    return;
  }
  // B[p,j] = b[bOffset + p·n + j]
  if (rowScratch.length < n) rowScratch = new Float64Array(n);
  const row = rowScratch;
  for (let i = 0; i < m; i++) {
    row.fill(0, 0, n);
    const aStart = aOffset + i * aRow;
    let p = 0;
    for (; p + 4 <= k; p += 4) {
      const ai = aStart + p * aCol;
      const x0 = a[ai] as number;
      const x1 = a[ai + aCol] as number;
      const x2 = a[ai + 2 * aCol] as number;
      const x3 = a[ai + 3 * aCol] as number;
      const b0 = bOffset + p * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        row[j] =
          (row[j] as number) +
          x0 * (b[b0 + j] as number) +
          x1 * (b[b1 + j] as number) +
          x2 * (b[b2 + j] as number) +
          x3 * (b[b3 + j] as number);
      }
    }
    for (; p < k; p++) {
      const x = a[aStart + p * aCol] as number;
      const b0 = bOffset + p * n;
      for (let j = 0; j < n; j++) row[j] = (row[j] as number) + x * (b[b0 + j] as number);
    }
    const outRow = outOffset + i * n;
    if (accumulate) {
      for (let j = 0; j < n; j++)
        out[outRow + j] = (out[outRow + j] as number) + (row[j] as number);
    } else {
      for (let j = 0; j < n; j++) out[outRow + j] = row[j] as number;
    }
  }
}

/**
 * A batched product of kernel inputs a and b (plus `bias` [n] in every row, for MatMulBias): batch
 * dimensions are flattened; a batch size of 1 (or a rank-2 operand) is reused for every batch of
 * the other operand.
 */
export function batchedMatMul(
  backend: CpuBackend,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  bias?: TypedArray,
): TensorInfo {
  const { m, k, n, aBatch, bBatch, batchShape } = matMulGeometry(
    a.shape,
    b.shape,
    transposeA,
    transposeB,
  );
  const batch = sizeFromShape(batchShape);
  // with a bias every element is written (it starts at the bias)
  const out =
    bias === undefined
      ? allocate(a.dtype, batch * m * n)
      : allocateUnzeroed(a.dtype, batch * m * n);
  const av = backend.values(a);
  const bv = backend.values(b);
  if (bBatch === 1 && !transposeA) {
    // The batches of A are consecutive rows: one [batch·m, k] × [k, n] product.
    // a few rows (a batch-1 step through a weight): B may stay in WebAssembly memory
    const bOwner = batch * m < MR ? backend.residentOwner(b) : undefined;
    matMulImpl(av, bv, batch * m, k, n, false, transposeB, out, { bOwner, bias });
  } else {
    for (let t = 0; t < batch; t++) {
      matMulImpl(av, bv, m, k, n, transposeA, transposeB, out, {
        aOffset: aBatch === 1 ? 0 : t * m * k,
        bOffset: bBatch === 1 ? 0 : t * k * n,
        outOffset: t * m * n,
        bias,
      });
    }
  }
  return backend.makeOutput(out, [...batchShape, m, n], a.dtype);
}

export const matMulConfig: KernelConfig<CpuBackend> = {
  kernelName: kernels.MatMul,
  backendName: "cpu",
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = attrs as kernels.MatMulAttrs;
    return batchedMatMul(backend, a, b, transposeA, transposeB);
  },
};
