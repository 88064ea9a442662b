import type { TypedArray } from "@rnnkit/core-tensor";

let rowMax = new Float64Array(0);

/**
 * out[r, c] = x[r, c] − m_r over contiguous rows [rows, width], m_r the row's max (NaN when the row
 * holds one): the first pass of a stable softmax. Returns the row maxima (a scratch array, valid
 * until the next call).
 */
export function shiftRows(
  x: TypedArray,
  rows: number,
  width: number,
  out: TypedArray,
): Float64Array {
  if (rowMax.length < rows) rowMax = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const start = r * width;
    let m = x[start] as number;
    for (let j = start + 1; j < start + width; j++) {
      const v = x[j] as number;
      if (v > m || Number.isNaN(v)) m = v;
    }
    rowMax[r] = m;
    for (let j = start; j < start + width; j++) out[j] = (x[j] as number) - m;
  }
  return rowMax;
}
