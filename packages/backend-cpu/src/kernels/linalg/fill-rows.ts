import type { TypedArray } from "@rnnkit/core-tensor";

/**
 * out[offset + r·n + j] = bias[j] for every row r < rows: one row written, then doubled by bulk
 * copies (log₂ rows calls instead of one per row).
 */
export function fillRows(
  out: TypedArray,
  offset: number,
  bias: TypedArray,
  rows: number,
  n: number,
): void {
  if (rows === 0 || n === 0) return;
  for (let j = 0; j < n; j++) out[offset + j] = bias[j] as number;
  let filled = n;
  const total = rows * n;
  while (filled < total) {
    const count = Math.min(filled, total - filled);
    out.copyWithin(offset + filled, offset, offset + count);
    filled += count;
  }
}
