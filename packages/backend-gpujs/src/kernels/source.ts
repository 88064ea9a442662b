/**
 * Helpers that write gpu.js kernel source. Every kernel has a 1-D output indexed by
 * `this.thread.x`. gpu.js declares every kernel variable as a float32 (exact integers only below
 * 2^24), while `this.thread.x` and `| 0` expressions are int32: flat indices that may pass 2^24
 * stay int32 expressions (`unravel`, `linearIndex`, `flatIndex`), and only small coordinates are
 * stored in variables. `quotient` (floor((i + 0.5) / n), the half keeping the quotient clear of
 * integer boundaries) is exact for float indices below 2^22.
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

/** The output's flat index: an int32 expression, exact at any size (a variable holding it is a float32). */
export const FLAT = "this.thread.x";

/**
 * Statements declaring `q` = floor(flat / n) for an int32 expression `flat` (0 ≤ flat < 2^31 − n)
 * and an integer n ≥ 1, exact while q < 2^24. The float estimate (off by a few units when flat or q
 * is large) is corrected with its remainder, then pinned with the signs of two int32 remainders
 * (a float32 keeps an integer's sign).
 */
export function floorDivide(flat: string, n: number, q: string): string {
  if (n === 1) return `const ${q} = ${flat};`;
  const m = literal(n);
  return `const ${q}a = Math.floor((${flat} + 0.5) / ${m});
  const ${q}e = ${flat} - (${q}a | 0) * ${n};
  const ${q}b = ${q}a + Math.floor((${q}e + 0.5) / ${m});
  const ${q}l = ${flat} - (${q}b | 0) * ${n};
  const ${q}h = ${flat} - (${q}b | 0) * ${n} - ${n};
  const ${q} = ${q}l < 0.0 ? ${q}b - 1.0 : ${q}h >= 0.0 ? ${q}b + 1.0 : ${q}b;`;
}

/**
 * The coordinates of the output's flat index in `shape`: statements, and per axis an expression
 * usable in int32 index arithmetic (`(c | 0)` for a float32 variable; the innermost coordinate
 * stays an int32 expression, so it may exceed 2^24). Exact for sizes below 2^31 whose outer
 * extents are below 2^24; decoded from the outermost axis in, each coordinate from the int32
 * remainder left by the ones before it.
 */
export function unravel(
  shape: readonly number[],
  prefix: string,
): { statements: string; coordinates: string[] } {
  const strides: number[] = [];
  let stride = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = stride;
    stride *= shape[d] as number;
  }
  const lines: string[] = [];
  const coordinates: string[] = [];
  let rest = FLAT;
  shape.forEach((dim, d) => {
    const s = strides[d] as number;
    if (dim === 1) {
      coordinates.push("0");
    } else if (s === 1) {
      coordinates.push(`(${rest})`);
    } else {
      if (dim > 2 ** 24) {
        throw new Error(`gpujs kernels index at most 2^24 along an outer axis, not ${dim}`);
      }
      const name = `${prefix}${d}`;
      lines.push(floorDivide(rest, s, name));
      coordinates.push(`(${name} | 0)`);
      rest = `${rest} - (${name} | 0) * ${s}`;
    }
  });
  return { statements: lines.join("\n  "), coordinates };
}

/** Σ coordinates[d]·strides[d] (+ offset) as an int32 expression. */
export function linearIndex(
  coordinates: readonly string[],
  strides: readonly number[],
  offset = 0,
): string {
  const terms: string[] = [];
  coordinates.forEach((c, d) => {
    const s = strides[d] as number;
    if (c === "0" || s === 0) return;
    terms.push(s === 1 ? c : `${c} * ${s}`);
  });
  if (terms.length === 0) return String(Math.max(offset, 0));
  const sum = terms.join(" + ");
  return offset === 0 ? sum : offset > 0 ? `${sum} + ${offset}` : `${sum} - ${-offset}`;
}

/**
 * Reads of inputs broadcast (NumPy rules) to an output of `outShape`: statements (the output's
 * coordinates, when an input needs them) and one `name[index]` expression per input, indices in
 * int32 arithmetic (exact past 2^24 elements).
 */
export function broadcastReads(
  outShape: readonly number[],
  inputs: readonly { name: string; shape: readonly number[]; offset: number }[],
): { statements: string; reads: string[] } {
  const outSize = outShape.reduce((a, b) => a * b, 1);
  const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
  const needs = inputs.some((t) => size(t.shape) !== outSize && size(t.shape) !== 1);
  const { statements, coordinates } = needs
    ? unravel(outShape, "c")
    : { statements: "", coordinates: [] };
  const reads = inputs.map(({ name, shape, offset }) => {
    const inSize = size(shape);
    if (inSize === outSize) return at(name, offset, FLAT);
    if (inSize === 1) return `${name}[${offset}]`;
    // an input axis of extent 1 (or missing) has stride 0
    const rank = outShape.length;
    const strides: number[] = new Array(rank).fill(0);
    let stride = 1;
    for (let d = rank - 1; d >= rank - shape.length; d--) {
      const dim = shape[d - (rank - shape.length)] as number;
      strides[d] = dim === 1 ? 0 : stride;
      stride *= dim;
    }
    return `${name}[${linearIndex(coordinates, strides, offset)}]`;
  });
  return { statements, reads };
}

/** Rounds toward zero, as storing into an Int32Array does (the CPU backend's int32 results). */
export function truncate(name: string): string {
  return `(${name} < 0.0 ? Math.ceil(${name}) : Math.floor(${name}))`;
}
