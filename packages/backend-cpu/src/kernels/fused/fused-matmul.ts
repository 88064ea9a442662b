import type { TypedArray } from "@rnnkit/core-tensor";

/**
 * out [m,n] = A·B (or out += A·B with `accumulate`) for one row-major matrix pair, where A is
 * a [m,k] (stored [k,m] when transposeA) and B is b [k,n] (stored [n,k] when transposeB): the
 * semantics of the MatMul kernel's transposeA/transposeB. Used by the fused cells for h·W_hhᵀ,
 * dGates·W_hh and dGatesᵀ·h; `a`, `b`, `out` may be subarray views.
 */
export function fusedMatMul(
  a: TypedArray,
  b: TypedArray,
  out: TypedArray,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
  accumulate = false,
): void {
  if (!accumulate) out.fill(0);
  if (!transposeA && transposeB) {
    // out[i,j] += Σ_p a[i,p]·b[j,p]: two contiguous rows per dot product.
    for (let i = 0; i < m; i++) {
      const ai = i * k;
      for (let j = 0; j < n; j++) {
        const bj = j * k;
        let s = 0;
        for (let p = 0; p < k; p++) s += (a[ai + p] as number) * (b[bj + p] as number);
        out[i * n + j] = (out[i * n + j] as number) + s;
      }
    }
  } else if (!transposeA) {
    // out[i,:] += a[i,p]·b[p,:]
    for (let i = 0; i < m; i++) {
      const oi = i * n;
      for (let p = 0; p < k; p++) {
        const aip = a[i * k + p] as number;
        const bp = p * n;
        for (let j = 0; j < n; j++)
          out[oi + j] = (out[oi + j] as number) + aip * (b[bp + j] as number);
      }
    }
  } else if (!transposeB) {
    // out[i,:] += a[p,i]·b[p,:]
    for (let p = 0; p < k; p++) {
      const bp = p * n;
      for (let i = 0; i < m; i++) {
        const api = a[p * m + i] as number;
        const oi = i * n;
        for (let j = 0; j < n; j++)
          out[oi + j] = (out[oi + j] as number) + api * (b[bp + j] as number);
      }
    }
  } else {
    // out[i,j] += Σ_p a[p,i]·b[j,p]
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const bj = j * k;
        let s = 0;
        for (let p = 0; p < k; p++) s += (a[p * m + i] as number) * (b[bj + p] as number);
        out[i * n + j] = (out[i * n + j] as number) + s;
      }
    }
  }
}
