import { tensor } from "../../ops/creation/tensor.js";
import { matMul } from "../../ops/linalg/mat-mul.js";
import { matMulBias } from "../../ops/linalg/mat-mul-bias.js";
import type { Tensor } from "../../tensor.js";
import type { ConformanceCase, GradientCase } from "../conformance-case.js";

const FLOATS = ["float32", "float64"] as const;

/** Deterministic values in [-2, 2], multiples of 1/8: every product sum below is exact in float32. */
function grid(count: number, seed: number): number[] {
  return Array.from({ length: count }, (_, i) => (((i * 7919 + seed * 104729) % 33) - 16) / 8);
}

/**
 * The reference: a plain triple loop over op(A)[i,p] · op(B)[p,j], with A stored [m,k] (or [k,m]
 * when transposed) and B stored [k,n] (or [n,k]).
 */
function naiveMatMul(
  a: readonly number[],
  b: readonly number[],
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) {
        const x = (transposeA ? a[p * m + i] : a[i * k + p]) as number;
        const y = (transposeB ? b[j * k + p] : b[p * n + j]) as number;
        acc += x * y;
      }
      out.push(acc);
    }
  }
  return out;
}

/** A conformance case comparing matMul with the triple loop on grid values. */
function randomCase(
  name: string,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
): ConformanceCase {
  const a = grid(m * k, m + 3 * k);
  const b = grid(k * n, n + 5 * k + 1);
  return {
    kernel: "MatMul",
    name,
    dtypes: FLOATS,
    run: (dtype) =>
      matMul(
        tensor(a, transposeA ? [k, m] : [m, k], dtype),
        tensor(b, transposeB ? [n, k] : [k, n], dtype),
        transposeA,
        transposeB,
      ),
    expected: { shape: [m, n], values: naiveMatMul(a, b, m, k, n, transposeA, transposeB) },
  };
}

const BATCH_A = grid(3 * 13 * 17, 1);
const BATCH_B = grid(3 * 17 * 11, 2);
/** The three [13,17]·[17,11] products one by one; B's batch stride is 0 when it is reused. */
function batchedNaive(transposeA: boolean, bStride: number): number[] {
  return [0, 1, 2].flatMap((t) =>
    naiveMatMul(
      BATCH_A.slice(t * 221, (t + 1) * 221),
      BATCH_B.slice(t * bStride, t * bStride + 187),
      13,
      17,
      11,
      transposeA,
      false,
    ),
  );
}

const A23 = [1, 2, 3, 4, 5, 6];
const A23T = [1, 4, 2, 5, 3, 6];
const B32 = [7, 8, 9, 10, 11, 12];
const B32T = [7, 9, 11, 8, 10, 12];
// [[1,2,3],[4,5,6]]·[[7,8],[9,10],[11,12]] = [[1·7+2·9+3·11, 1·8+2·10+3·12], [4·7+5·9+6·11, 4·8+5·10+6·12]]
const C22 = [58, 64, 139, 154];

export const linalgCases: ConformanceCase[] = [
  {
    kernel: "MatMul",
    name: "[2,3]·[3,2], every transpose flag",
    dtypes: FLOATS,
    run: (dtype) => [
      matMul(tensor(A23, [2, 3], dtype), tensor(B32, [3, 2], dtype)),
      matMul(tensor(A23T, [3, 2], dtype), tensor(B32, [3, 2], dtype), true, false),
      matMul(tensor(A23, [2, 3], dtype), tensor(B32T, [2, 3], dtype), false, true),
      matMul(tensor(A23T, [3, 2], dtype), tensor(B32T, [2, 3], dtype), true, true),
    ],
    expected: [
      { shape: [2, 2], values: C22 },
      { shape: [2, 2], values: C22 },
      { shape: [2, 2], values: C22 },
      { shape: [2, 2], values: C22 },
    ],
  },
  {
    kernel: "MatMul",
    name: "row vector, column vector, empty inner dimension",
    dtypes: FLOATS,
    run: (dtype) => [
      matMul(tensor([1, -1, 2], [1, 3], dtype), tensor(B32, [3, 2], dtype)),
      matMul(tensor(A23, [2, 3], dtype), tensor([1, 0, -1], [3, 1], dtype)),
      matMul(tensor([], [2, 0], dtype), tensor([], [0, 3], dtype)),
    ],
    expected: [
      // [7−9+22, 8−10+24]
      { shape: [1, 2], values: [20, 22] },
      { shape: [2, 1], values: [1 - 3, 4 - 6] },
      { shape: [2, 3], values: [0, 0, 0, 0, 0, 0] },
    ],
  },
  {
    kernel: "MatMul",
    name: "batched [2,2,2]·[2,2,2]",
    dtypes: FLOATS,
    run: (dtype) =>
      matMul(
        tensor([1, 2, 3, 4, 1, 0, 0, 1], [2, 2, 2], dtype),
        tensor([5, 6, 7, 8, 1, 2, 3, 4], [2, 2, 2], dtype),
      ),
    // [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]]; I·[[1,2],[3,4]]
    expected: { shape: [2, 2, 2], values: [19, 22, 43, 50, 1, 2, 3, 4] },
  },
  {
    kernel: "MatMul",
    name: "broadcast batch: rank-2 b, rank-2 a, batch size 1",
    dtypes: FLOATS,
    run: (dtype) => {
      const a = tensor([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2], dtype);
      return [
        matMul(a, tensor([1, 1], [2, 1], dtype)),
        matMul(a, tensor([1, 1], [1, 2], dtype), false, true),
        matMul(a, tensor([1, 1], [2, 1], dtype), true, false),
        matMul(tensor([1, 1], [1, 2], dtype), a),
        matMul(tensor([1, 0, 0, 2], [1, 2, 2], dtype), a),
      ];
    },
    expected: [
      // row sums of each batch
      { shape: [2, 2, 1], values: [3, 7, 11, 15] },
      { shape: [2, 2, 1], values: [3, 7, 11, 15] },
      // column sums of each batch
      { shape: [2, 2, 1], values: [4, 6, 12, 14] },
      { shape: [2, 1, 2], values: [4, 6, 12, 14] },
      // diag(1,2)·a_t
      { shape: [2, 2, 2], values: [1, 2, 6, 8, 5, 6, 14, 16] },
    ],
  },
  randomCase("[37,41]·[41,29] against a triple loop", 37, 41, 29, false, false),
  randomCase("[37,41]ᵀ·[41,29] against a triple loop", 37, 41, 29, true, false),
  randomCase("[37,41]·[41,29]ᵀ against a triple loop", 37, 41, 29, false, true),
  randomCase("[37,41]ᵀ·[41,29]ᵀ against a triple loop", 37, 41, 29, true, true),
  randomCase("[70,300]·[300,37] (several blocks) against a triple loop", 70, 300, 37, false, false),
  randomCase("[3,40]·[40,50]ᵀ (thin) against a triple loop", 3, 40, 50, false, true),
  randomCase("[40,30]ᵀ·[30,5] (thin) against a triple loop", 40, 30, 5, true, false),
  {
    kernel: "MatMul",
    name: "batched [3,13,17]·[17,11] and [3,17,13]ᵀ·[3,17,11] against a triple loop",
    dtypes: FLOATS,
    run: (dtype) => [
      matMul(tensor(BATCH_A, [3, 13, 17], dtype), tensor(BATCH_B.slice(0, 187), [17, 11], dtype)),
      matMul(tensor(BATCH_A, [3, 17, 13], dtype), tensor(BATCH_B, [3, 17, 11], dtype), true, false),
    ],
    expected: [
      { shape: [3, 13, 11], values: batchedNaive(false, 0) },
      { shape: [3, 13, 11], values: batchedNaive(true, 187) },
    ],
  },
];

/** op(A)·op(B) + bias by the triple loop, bias [n] added to every row. */
function naiveMatMulBias(
  a: readonly number[],
  b: readonly number[],
  bias: readonly number[],
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
): number[] {
  return naiveMatMul(a, b, m, k, n, transposeA, transposeB).map(
    (v, i) => v + (bias[i % n] as number),
  );
}

/** One-hot rows [m, k] (row i has a 1 at column (7i + 3) mod k), as a flat list. */
function oneHotRows(m: number, k: number): number[] {
  return Array.from({ length: m * k }, (_, e) =>
    e % k === (7 * Math.floor(e / k) + 3) % k ? 1 : 0,
  );
}

const BIAS2 = [0.5, -1.25];
const BIAS29 = grid(29, 9);
const ONE_HOT = oneHotRows(64, 65);
const W_ONE_HOT = grid(32 * 65, 4);
const BIAS32 = grid(32, 5);

/** MatMulBias through its op, against the triple loop plus the bias. */
function matMulBiasCases(direct: boolean): ConformanceCase[] {
  const where = direct ? "the kernel" : "the op (any backend)";
  const a = grid(37 * 41, 37 + 3 * 41);
  const b = grid(41 * 29, 29 + 5 * 41 + 1);
  return [
    {
      kernel: "MatMulBias",
      direct,
      name: `[2,3]·[3,2] + bias, every transpose flag, batched a (${where})`,
      dtypes: FLOATS,
      run: (dtype) => {
        const bias = tensor(BIAS2, [2], dtype);
        return [
          matMulBias(tensor(A23, [2, 3], dtype), tensor(B32, [3, 2], dtype), bias),
          matMulBias(tensor(A23T, [3, 2], dtype), tensor(B32, [3, 2], dtype), bias, true, false),
          matMulBias(tensor(A23, [2, 3], dtype), tensor(B32T, [2, 3], dtype), bias, false, true),
          matMulBias(tensor(A23T, [3, 2], dtype), tensor(B32T, [2, 3], dtype), bias, true, true),
          matMulBias(tensor([...A23, ...A23], [2, 2, 3], dtype), tensor(B32, [3, 2], dtype), bias),
        ];
      },
      expected: [
        ...[0, 1, 2, 3].map(() => ({
          shape: [2, 2],
          values: C22.map((v, i) => v + (BIAS2[i % 2] as number)),
        })),
        { shape: [2, 2, 2], values: [...C22, ...C22].map((v, i) => v + (BIAS2[i % 2] as number)) },
      ],
    },
    {
      kernel: "MatMulBias",
      direct,
      name: `[37,41]·[29,41]ᵀ + bias and one-hot [64,65]·[32,65]ᵀ + bias (${where})`,
      dtypes: FLOATS,
      run: (dtype) => [
        matMulBias(
          tensor(a, [37, 41], dtype),
          tensor(b, [29, 41], dtype),
          tensor(BIAS29, [29], dtype),
          false,
          true,
        ),
        matMulBias(
          tensor(ONE_HOT, [64, 65], dtype),
          tensor(W_ONE_HOT, [32, 65], dtype),
          tensor(BIAS32, [32], dtype),
          false,
          true,
        ),
      ],
      expected: [
        { shape: [37, 29], values: naiveMatMulBias(a, b, BIAS29, 37, 41, 29, false, true) },
        {
          shape: [64, 32],
          values: naiveMatMulBias(ONE_HOT, W_ONE_HOT, BIAS32, 64, 65, 32, false, true),
        },
      ],
    },
  ];
}

linalgCases.push(...matMulBiasCases(true), ...matMulBiasCases(false));

/** f(a, b) = matMul(a, b, transposeA, transposeB), for the gradient cases. */
const mm =
  (transposeA: boolean, transposeB: boolean) =>
  (...xs: Tensor[]) =>
    matMul(xs[0]!, xs[1]!, transposeA, transposeB);

const A = [
  [0.5, -1, 2],
  [1.5, 0.25, -0.75],
];
const AT = [
  [0.5, 1.5],
  [-1, 0.25],
  [2, -0.75],
];
/** A with its rows swapped, B and BT reversed: second batches that differ from the first. */
const A2 = [
  [1.5, 0.25, -0.75],
  [0.5, -1, 2],
];
const AT2 = [
  [-0.75, 2],
  [0.25, -1],
  [1.5, 0.5],
];
const B = [
  [1, -2, 0.5, 3],
  [0.75, 1.25, -1, 2],
  [-0.5, 2, 1.5, -1.25],
];
const BT = [
  [1, 0.75, -0.5],
  [-2, 1.25, 2],
  [0.5, -1, 1.5],
  [3, 2, -1.25],
];

const B2 = [
  [-0.5, 2, 1.5, -1.25],
  [0.75, 1.25, -1, 2],
  [1, -2, 0.5, 3],
];
const BT2 = [
  [3, 2, -1.25],
  [0.5, -1, 1.5],
  [-2, 1.25, 2],
  [1, 0.75, -0.5],
];

/** f(a, b, bias) = matMulBias(a, b, bias, transposeA, transposeB), for the gradient cases. */
const mmb =
  (transposeA: boolean, transposeB: boolean) =>
  (...xs: Tensor[]) =>
    matMulBias(xs[0]!, xs[1]!, xs[2]!, transposeA, transposeB);

export const linalgGradientCases: GradientCase[] = [
  {
    kernel: "MatMulBias",
    name: "[2,3]·[3,4] + bias",
    f: mmb(false, false),
    inputs: [A, B, [0.25, -0.5, 1, 2]],
  },
  {
    kernel: "MatMulBias",
    name: "[3,2]ᵀ·[4,3]ᵀ + bias",
    f: mmb(true, true),
    inputs: [AT, BT, [0.25, -0.5, 1, 2]],
  },
  {
    kernel: "MatMulBias",
    name: "batched [2,2,3]·[4,3]ᵀ + bias",
    f: mmb(false, true),
    inputs: [[A, A2], BT, [0.25, -0.5, 1, 2]],
  },
  { kernel: "MatMul", name: "[2,3]·[3,4]", f: mm(false, false), inputs: [A, B] },
  { kernel: "MatMul", name: "[3,2]ᵀ·[3,4]", f: mm(true, false), inputs: [AT, B] },
  { kernel: "MatMul", name: "[2,3]·[4,3]ᵀ", f: mm(false, true), inputs: [A, BT] },
  { kernel: "MatMul", name: "[3,2]ᵀ·[4,3]ᵀ", f: mm(true, true), inputs: [AT, BT] },
  {
    kernel: "MatMul",
    name: "batched [2,2,3]·[2,3,2]",
    f: mm(false, false),
    inputs: [
      [A, A2],
      [
        [B[0]!.slice(0, 2), B[1]!.slice(0, 2), B[2]!.slice(0, 2)],
        [B[0]!.slice(2), B[1]!.slice(2), B[2]!.slice(2)],
      ],
    ],
  },
  { kernel: "MatMul", name: "broadcast [2,2,3]·[3,4]", f: mm(false, false), inputs: [[A, A2], B] },
  { kernel: "MatMul", name: "broadcast [2,2,3]·[4,3]ᵀ", f: mm(false, true), inputs: [[A, A2], BT] },
  {
    kernel: "MatMul",
    name: "broadcast [2,3,2]ᵀ·[3,4]",
    f: mm(true, false),
    inputs: [[AT, AT2], B],
  },
  { kernel: "MatMul", name: "broadcast [2,3]·[2,3,4]", f: mm(false, false), inputs: [A, [B, B2]] },
  {
    kernel: "MatMul",
    name: "broadcast [1,3,2]ᵀ·[2,4,3]ᵀ",
    f: mm(true, true),
    inputs: [[AT], [BT, BT2]],
  },
];
