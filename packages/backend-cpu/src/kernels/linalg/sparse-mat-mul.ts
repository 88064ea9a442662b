/**
 * Matrix products where one operand is mostly zeros: one-hot characters, the input of every
 * char-RNN in the course. x [B·T, V] · W_ihᵀ and its weight gradient dGatesᵀ · x are dense GEMMs of
 * which all but 1/V of the multiply-adds are by zero; this path finds the non-zeros in one pass
 * and does only their work (the same sums without the zero terms, in the output's precision):
 *   op(A) sparse:  C[i,:] = Σ_{p: A[i,p] ≠ 0} A[i,p] · op(B)[p,:]
 *   op(B) sparse:  C[:,j] = Σ_{p: B[p,j] ≠ 0} op(A)[:,p] · B[p,j]
 * A dense operand costs one look at its first few thousand elements before the dense GEMM runs.
 * Like any sparse kernel it skips the zero terms outright: where the dense operand holds ±∞ or
 * NaN, a dense GEMM's 0·∞ = NaN terms are not formed.
 */
import type { TypedArray } from "@rnnkit/core-tensor";
import { fillRows } from "./fill-rows.js";

/** Products with fewer multiply-adds than this go straight to the dense GEMM. */
const SPARSE_MIN_WORK = 1 << 16;
/** At most one element in this many non-zero, else dense (a one-hot row over V = 65: 1 in 65). */
const MAX_DENSITY_DIVISOR = 10;
/** Elements looked at before deciding that an operand is dense. */
const PROBE = 4096;

/** Non-zeros of a row-major [rows, cols] block, by row: positions rowStart[r]..rowStart[r+1]. */
interface SparseRows {
  rowStart: Int32Array;
  column: Int32Array;
  value: Float64Array;
}

let rowStart = new Int32Array(0);
let column = new Int32Array(0);
let value = new Float64Array(0);
/** Scratch arrays by slot and type (op(B)'s rows or the transposed sums; op(B)'s rows + bias). */
const scratch32: Float32Array[] = [new Float32Array(0), new Float32Array(0)];
const scratch64: Float64Array[] = [new Float64Array(0), new Float64Array(0)];

/**
 * The non-zeros of x[offset … offset + rows·cols) read as [rows, cols], or undefined when more than
 * 1 in MAX_DENSITY_DIVISOR are non-zero (a dense operand stops the scan early).
 */
function sparseRows(
  x: TypedArray,
  offset: number,
  rows: number,
  cols: number,
): SparseRows | undefined {
  const size = rows * cols;
  const budget = Math.floor(size / MAX_DENSITY_DIVISOR);
  // a dense operand shows itself in its first elements
  const probe = Math.min(size, PROBE);
  let seen = 0;
  for (let i = 0; i < probe; i++) if ((x[offset + i] as number) !== 0) seen++;
  if (seen > probe / MAX_DENSITY_DIVISOR) return undefined;
  if (rowStart.length < rows + 1) rowStart = new Int32Array(rows + 1);
  if (column.length < budget) {
    column = new Int32Array(budget);
    value = new Float64Array(budget);
  }
  let nnz = 0;
  for (let r = 0; r < rows; r++) {
    rowStart[r] = nnz;
    const base = offset + r * cols;
    for (let q = 0; q < cols; q++) {
      const v = x[base + q] as number;
      if (v === 0) continue;
      if (nnz === budget) return undefined;
      column[nnz] = q;
      value[nnz] = v;
      nnz++;
    }
  }
  rowStart[rows] = nnz;
  return { rowStart, column, value };
}

/**
 * C[m,n] = op(A)·op(B) (or += with `accumulate`, or + `bias` [n] in every row) when A (either
 * layout) or op(B) stored [k,n] is mostly zeros; same layout and offsets as `matMulImpl`. Returns false,
 * touching nothing, when neither is sparse (the caller runs the dense GEMM).
 */
export function sparseMatMul(
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
  bias?: TypedArray,
): boolean {
  if (m * k * n < SPARSE_MIN_WORK || out instanceof Int32Array) return false;
  if (m * k >= PROBE) {
    // A as stored: [m,k], or [k,m] when transposed (then its rows are columns of op(A))
    const sa = transposeA ? sparseRows(a, aOffset, k, m) : sparseRows(a, aOffset, m, k);
    if (sa !== undefined) {
      sparseTimesDense(
        sa,
        transposeA,
        b,
        m,
        k,
        n,
        transposeB,
        out,
        bOffset,
        outOffset,
        accumulate,
        bias,
      );
      return true;
    }
  }
  if (!transposeB && k * n >= PROBE) {
    const sb = sparseRows(b, bOffset, k, n);
    if (sb !== undefined) {
      denseTimesSparse(a, sb, m, k, n, transposeA, out, aOffset, outOffset, accumulate, bias);
      return true;
    }
  }
  return false;
}

/**
 * Scratch array `slot` (0 or 1) of `out`'s type, at least `size` long (float32 sums for float32
 * outputs, as the dense GEMM has).
 */
function scratchLike(out: TypedArray, size: number, slot: 0 | 1): Float32Array | Float64Array {
  if (out instanceof Float32Array) {
    if ((scratch32[slot] as Float32Array).length < size) scratch32[slot] = new Float32Array(size);
    return scratch32[slot] as Float32Array;
  }
  if ((scratch64[slot] as Float64Array).length < size) scratch64[slot] = new Float64Array(size);
  return scratch64[slot] as Float64Array;
}

/** C[i,:] = Σ_p op(A)[i,p]·op(B)[p,:] over the non-zeros of op(A). */
function sparseTimesDense(
  sa: SparseRows,
  transposeA: boolean,
  b: TypedArray,
  m: number,
  k: number,
  n: number,
  transposeB: boolean,
  out: TypedArray,
  bOffset: number,
  outOffset: number,
  accumulate: boolean,
  bias: TypedArray | undefined,
): void {
  // op(B) as contiguous rows [k, n] of out's type (B stored [n,k] is transposed once: k·n ≪ m·k·n)
  const rows = scratchLike(out, k * n, 0);
  if (transposeB) {
    for (let j = 0; j < n; j++) {
      const from = bOffset + j * k;
      for (let p = 0; p < k; p++) rows[p * n + j] = b[from + p] as number;
    }
  } else {
    for (let i = 0; i < k * n; i++) rows[i] = b[bOffset + i] as number;
  }
  const { rowStart, column, value } = sa;
  if (transposeA) {
    // A stored [k,m]: its non-zero (p, i) adds A[p,i]·op(B)[p,:] to row i of C
    if (bias !== undefined) fillRows(out, outOffset, bias, m, n);
    else if (!accumulate) out.fill(0, outOffset, outOffset + m * n);
    for (let p = 0; p < k; p++) {
      for (let e = rowStart[p] as number; e < (rowStart[p + 1] as number); e++) {
        const o = outOffset + (column[e] as number) * n;
        addScaled(out, o, rows, p * n, value[e] as number, n);
      }
    }
    return;
  }
  // with a bias: a one-hot row's result is its row of op(B) plus the bias, made once per row of op(B)
  const shifted = bias === undefined ? rows : scratchLike(out, k * n, 1);
  if (bias !== undefined) {
    for (let p = 0; p < k; p++) {
      for (let j = 0; j < n; j++)
        shifted[p * n + j] = (rows[p * n + j] as number) + (bias[j] as number);
    }
  }
  for (let i = 0; i < m; i++) {
    const o = outOffset + i * n;
    const first = rowStart[i] as number;
    const last = rowStart[i + 1] as number;
    if (!accumulate && last - first === 1 && value[first] === 1) {
      // a one-hot row: C[i,:] = op(B)[p,:] (+ bias), what the dense sum of zeros and one term gives
      const from = (column[first] as number) * n;
      out.set(shifted.subarray(from, from + n), o);
      continue;
    }
    if (bias !== undefined) out.set(bias.subarray(0, n), o);
    else if (!accumulate) out.fill(0, o, o + n);
    for (let e = first; e < last; e++) {
      addScaled(out, o, rows, (column[e] as number) * n, value[e] as number, n);
    }
  }
}

/** C[:,j] = Σ_p op(A)[:,p]·B[p,j] over the non-zeros of B. */
function denseTimesSparse(
  a: TypedArray,
  sb: SparseRows,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  out: TypedArray,
  aOffset: number,
  outOffset: number,
  accumulate: boolean,
  bias: TypedArray | undefined,
): void {
  const { rowStart, column, value } = sb;
  // sums held transposed, [n, m]: column j of C is a contiguous row here
  const sums = scratchLike(out, n * m, 0);
  if (bias !== undefined) {
    for (let j = 0; j < n; j++) sums.fill(bias[j] as number, j * m, (j + 1) * m);
  } else if (accumulate) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) sums[j * m + i] = out[outOffset + i * n + j] as number;
    }
  } else {
    sums.fill(0, 0, n * m);
  }
  for (let p = 0; p < k; p++) {
    for (let e = rowStart[p] as number; e < (rowStart[p + 1] as number); e++) {
      const v = value[e] as number;
      const to = (column[e] as number) * m;
      if (transposeA) {
        // op(A)[:,p] = row p of A as stored [k,m]: contiguous
        addScaled(sums, to, a, aOffset + p * m, v, m);
      } else {
        // op(A)[:,p] = column p of A as stored [m,k]
        for (let i = 0; i < m; i++) {
          sums[to + i] = (sums[to + i] as number) + v * (a[aOffset + i * k + p] as number);
        }
      }
    }
  }
  for (let i = 0; i < m; i++) {
    const o = outOffset + i * n;
    for (let j = 0; j < n; j++) out[o + j] = sums[j * m + i] as number;
  }
}

/** y[to + i] += v · x[from + i] for i < length (v = 1: a plain sum). */
function addScaled(
  y: TypedArray,
  to: number,
  x: TypedArray,
  from: number,
  v: number,
  length: number,
): void {
  if (v === 1) {
    for (let i = 0; i < length; i++) y[to + i] = (y[to + i] as number) + (x[from + i] as number);
    return;
  }
  for (let i = 0; i < length; i++) y[to + i] = (y[to + i] as number) + v * (x[from + i] as number);
}
