/**
 * Helpers that write gpu.js kernel source. Every kernel has a 1-D output indexed by
 * `i = this.thread.x`; multi-dimensional indices are decoded with integer arithmetic. Division is
 * done as floor((i + 0.5) / n): the half keeps the quotient clear of integer boundaries, so GPU
 * division (not correctly rounded) still floors right for any index below 2^22.
 */

/** A float literal gpu.js types as a float (`2` → `2.0`). */
export function literal(value: number): string {
  if (!Number.isFinite(value)) {
    throw new Error(`gpujs kernels cannot embed ${value} as a literal`);
  }
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

/** `name[index + offset]`, the offset omitted when 0. */
export function at(name: string, offset: number, index: string): string {
  return offset === 0 ? `${name}[${index}]` : `${name}[${index} + ${offset}]`;
}

/** floor(flat / n) for a non-negative integer expression `flat` and a positive integer n. */
export function quotient(flat: string, n: number): string {
  return n === 1 ? flat : `Math.floor((${flat} + 0.5) / ${literal(n)})`;
}

/**
 * Statements declaring `q` = floor(flat / n) and `r` = flat − q·n, exact for an integer `flat`
 * below 2^31 whose quotient is below 2^22. gpu.js declares every kernel variable as a float32, so
 * `const i = this.thread.x` is exact only below 2^24 and `quotient` only below 2^23; pass
 * `this.thread.x` itself for a flat index that may be larger. The float estimate is off by at most
 * one, which the remainder, computed in int32 (`| 0`), corrects.
 */
export function divide(flat: string, n: number, q: string, r: string): string {
  if (n === 1) return `const ${q} = ${flat};\n  const ${r} = 0.0;`;
  const m = literal(n);
  return `const ${q}0 = ${quotient(flat, n)};
  const ${r}0 = ${flat} - (${q}0 | 0) * ${n};
  const ${q} = ${r}0 < 0.0 ? ${q}0 - 1.0 : ${r}0 >= ${m} ? ${q}0 + 1.0 : ${q}0;
  const ${r} = ${r}0 < 0.0 ? ${r}0 + ${m} : ${r}0 >= ${m} ? ${r}0 - ${m} : ${r}0;`;
}

/**
 * `row · n + column` as an int32 expression (`| 0` makes gpu.js compute it in integers), exact
 * below 2^31 for float32-exact `row` and `column` (each below 2^24).
 */
export function flatIndex(row: string, n: number, column: string): string {
  return `(${row} | 0) * ${n} + (${column} | 0)`;
}

/** The coordinate along an axis of extent `dim` whose stride (in the flat index) is `stride`. */
export function coordinate(flat: string, stride: number, dim: number, isFirst: boolean): string {
  const q = quotient(flat, stride);
  if (isFirst) return q;
  if (dim === 1) return "0";
  return `(${q} - ${quotient(flat, stride * dim)} * ${dim})`;
}

/**
 * The flat index of an input of `inShape` broadcast (NumPy rules) to an output of `outShape`, as
 * an integer expression in the output's flat index `flat`.
 */
export function broadcastIndex(
  flat: string,
  outShape: readonly number[],
  inShape: readonly number[],
): string {
  const inSize = inShape.reduce((a, b) => a * b, 1);
  const outSize = outShape.reduce((a, b) => a * b, 1);
  if (inSize === outSize) return flat;
  if (inSize === 1) return "0";
  const rank = outShape.length;
  const offset = rank - inShape.length;
  const terms: string[] = [];
  let outStride = 1;
  let inStride = 1;
  const parts: { d: number; outStride: number; inStride: number }[] = [];
  for (let d = rank - 1; d >= 0; d--) {
    const outDim = outShape[d] as number;
    const inDim = d >= offset ? (inShape[d - offset] as number) : 1;
    if (inDim !== 1) parts.push({ d, outStride, inStride });
    outStride *= outDim;
    inStride *= inDim;
  }
  let firstKept = 0;
  while (firstKept < rank && (outShape[firstKept] as number) === 1) firstKept++;
  for (const { d, outStride: s, inStride: t } of parts) {
    const c = coordinate(flat, s, outShape[d] as number, d <= firstKept);
    terms.push(t === 1 ? c : `${c} * ${t}`);
  }
  return terms.length === 0 ? "0" : terms.join(" + ");
}

/** Rounds toward zero, as storing into an Int32Array does (the CPU backend's int32 results). */
export function truncate(name: string): string {
  return `(${name} < 0.0 ? Math.ceil(${name}) : Math.floor(${name}))`;
}
