import { runKernel } from "../../engine.js";
import { tensor } from "../../ops/creation/tensor.js";
import { argMax } from "../../ops/reduction/arg-max.js";
import { logSoftmax } from "../../ops/reduction/log-softmax.js";
import { logSumExp } from "../../ops/reduction/log-sum-exp.js";
import { max } from "../../ops/reduction/max.js";
import { mean } from "../../ops/reduction/mean.js";
import { min } from "../../ops/reduction/min.js";
import { softmax } from "../../ops/reduction/softmax.js";
import { softmaxCrossEntropy } from "../../ops/reduction/softmax-cross-entropy.js";
import { sum } from "../../ops/reduction/sum.js";
import type { Tensor } from "../../tensor.js";
import type { ConformanceCase, GradientCase } from "../conformance-case.js";

const ALL = ["float32", "float64", "int32"] as const;
const FLOATS = ["float32", "float64"] as const;
const LN2 = Math.log(2);
const LN3 = Math.log(3);
const LN5 = Math.log(5);
const LN8 = Math.log(8);
const X = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

export const reductionCases: ConformanceCase[] = [
  {
    kernel: "Sum",
    name: "all axes, one axis, keepDims, non-contiguous axes",
    dtypes: ALL,
    run: (dtype) => {
      const x = tensor(X, [2, 3, 2], dtype);
      return [sum(x), sum(x, 1), sum(x, -1, true), sum(x, [0, 2])];
    },
    expected: [
      { shape: [], values: [78] },
      { shape: [2, 2], values: [9, 12, 27, 30] },
      { shape: [2, 3, 1], values: [3, 7, 11, 15, 19, 23] },
      { shape: [3], values: [1 + 2 + 7 + 8, 3 + 4 + 9 + 10, 5 + 6 + 11 + 12] },
    ],
  },
  {
    kernel: "Max",
    name: "all axes, one axis, keepDims, non-contiguous axes",
    dtypes: ALL,
    run: (dtype) => {
      const x = tensor(X, [2, 3, 2], dtype);
      return [max(x), max(x, 1), max(x, -1, true), max(x, [0, 2])];
    },
    expected: [
      { shape: [], values: [12] },
      { shape: [2, 2], values: [5, 6, 11, 12] },
      { shape: [2, 3, 1], values: [2, 4, 6, 8, 10, 12] },
      { shape: [3], values: [8, 10, 12] },
    ],
  },
  {
    kernel: "Max",
    name: "negative values, ties, min (composite −max(−x))",
    dtypes: ALL,
    run: (dtype) => {
      const x = tensor([3, -1, 3, -5, -2, -7], [2, 3], dtype);
      return [max(x, 1), max(x, 0), min(x, 1), min(x), min(tensor(X, [2, 3, 2], dtype), 1)];
    },
    expected: [
      { shape: [2], values: [3, -2] },
      { shape: [3], values: [3, -1, 3] },
      { shape: [2], values: [-1, -7] },
      { shape: [], values: [-7] },
      { shape: [2, 2], values: [1, 2, 7, 8] },
    ],
  },
  {
    kernel: "Max",
    name: "NaN propagates, ±∞",
    dtypes: FLOATS,
    run: (dtype) => [
      max(tensor([1, Number.NaN, 3, 2, 5, 4], [2, 3], dtype), 1),
      max(tensor([Number.NEGATIVE_INFINITY, -1, Number.POSITIVE_INFINITY, 0], [2, 2], dtype), 1),
    ],
    expected: [
      { shape: [2], values: [Number.NaN, 5] },
      { shape: [2], values: [-1, Number.POSITIVE_INFINITY] },
    ],
  },
  {
    kernel: "Sum",
    name: "mean (composite sum / count)",
    dtypes: FLOATS,
    run: (dtype) => {
      const x = tensor(X, [2, 3, 2], dtype);
      return [mean(x), mean(x, [0, 2]), mean(x, 1, true)];
    },
    expected: [
      { shape: [], values: [6.5] },
      { shape: [3], values: [(1 + 2 + 7 + 8) / 4, (3 + 4 + 9 + 10) / 4, (5 + 6 + 11 + 12) / 4] },
      { shape: [2, 1, 2], values: [3, 4, 9, 10] },
    ],
  },
  {
    kernel: "Max",
    name: "logSumExp (composite, stable): small, huge and infinite values",
    dtypes: FLOATS,
    run: (dtype) => [
      logSumExp(tensor([0, LN3, 1000, 1000, 0, Number.NEGATIVE_INFINITY], [3, 2], dtype), 1),
      logSumExp(tensor([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY], [1, 2], dtype), 1),
      logSumExp(tensor([0, LN2, LN5], [3], dtype), 0, true),
      logSumExp(tensor([1, Number.POSITIVE_INFINITY], [2], dtype)),
    ],
    expected: [
      // log(1 + 3), 1000 + log 2, log(1 + 0)
      { shape: [3], values: [Math.log(4), 1000 + LN2, 0] },
      { shape: [1], values: [Number.NEGATIVE_INFINITY] },
      { shape: [1], values: [LN8] },
      { shape: [], values: [Number.POSITIVE_INFINITY] },
    ],
  },
  {
    kernel: "ArgMax",
    name: "last axis, axis 0, a middle axis, ties pick the first",
    dtypes: ALL,
    run: (dtype) => {
      const x = tensor([1, 5, 5, 4, 2, 0], [2, 3], dtype);
      const y = tensor([3, 1, 0, 7, 2, 7, 9, 9, 8, 1, 1, 1], [2, 3, 2], dtype);
      return [argMax(x), argMax(x, 0), argMax(y, 1)];
    },
    expected: [
      { shape: [2], values: [1, 0], dtype: "int32" },
      { shape: [3], values: [1, 0, 0], dtype: "int32" },
      // y[0] columns: [3,0,2] → 0, [1,7,7] → 1; y[1] columns: [9,8,1] → 0, [9,1,1] → 0
      { shape: [2, 2], values: [0, 1, 0, 0], dtype: "int32" },
    ],
  },
  {
    kernel: "ArgMax",
    name: "NaN counts as the largest",
    dtypes: FLOATS,
    run: (dtype) => argMax(tensor([1, Number.NaN, 3, Number.NaN], [4], dtype)),
    expected: { shape: [], values: [1], dtype: "int32" },
  },
  {
    kernel: "Softmax",
    name: "last axis, huge values (stable), axis 0, a middle axis",
    dtypes: FLOATS,
    run: (dtype) => [
      softmax(tensor([0, LN2, LN5, 1000, 1000 + LN2, 1000 + LN5], [2, 3], dtype)),
      softmax(tensor([0, 1, LN3, 1], [2, 2], dtype), 0),
      softmax(tensor([0, 5, LN3, 5, LN3, -2, 0, -2], [2, 2, 2], dtype), 1),
      softmax(tensor([-1000, 0], [2], dtype)),
    ],
    expected: [
      // exp(x) ∝ [1, 2, 5], total 8
      { shape: [2, 3], values: [1 / 8, 2 / 8, 5 / 8, 1 / 8, 2 / 8, 5 / 8] },
      { shape: [2, 2], values: [0.25, 0.5, 0.75, 0.5] },
      { shape: [2, 2, 2], values: [0.25, 0.5, 0.75, 0.5, 0.75, 0.5, 0.25, 0.5] },
      { shape: [2], values: [0, 1] },
    ],
  },
  {
    kernel: "LogSoftmax",
    name: "last axis, huge values (stable), axis 0",
    dtypes: FLOATS,
    run: (dtype) => [
      logSoftmax(tensor([0, LN2, LN5, 1000, 1000 + LN2, 1000 + LN5], [2, 3], dtype)),
      logSoftmax(tensor([0, 1, LN3, 1], [2, 2], dtype), 0),
      logSoftmax(tensor([-1000, 0, 1000, 1000], [2, 2], dtype)),
    ],
    expected: [
      { shape: [2, 3], values: [-LN8, LN2 - LN8, LN5 - LN8, -LN8, LN2 - LN8, LN5 - LN8] },
      { shape: [2, 2], values: [Math.log(0.25), -LN2, Math.log(0.75), -LN2] },
      // log(1 + e^-1000) rounds to 0
      { shape: [2, 2], values: [-1000, 0, -LN2, -LN2] },
    ],
  },
];

/** Logits [4, 3] with a huge row (stability) and labels: ℓ = log Σ exp(x) − x_y in float64. */
const CE_LOGITS = [0, LN2, LN5, 1000, 1000 + LN2, 1000 + LN5, 0.5, -1, 2, -3, 0.25, 0.25];
const CE_LABELS = [2, 0, 1, 2];
const CE_DY = [1, -0.5, 2, 0.25];
function crossEntropyRows(x: readonly number[], labels: readonly number[], classes: number) {
  return labels.map((y, r) => {
    const row = x.slice(r * classes, (r + 1) * classes);
    const m = Math.max(...row);
    const lse = m + Math.log(row.reduce((a, v) => a + Math.exp(v - m), 0));
    return lse - (row[y] as number);
  });
}
function crossEntropyGradRows(
  x: readonly number[],
  labels: readonly number[],
  dy: readonly number[],
  classes: number,
) {
  return labels.flatMap((y, r) => {
    const row = x.slice(r * classes, (r + 1) * classes);
    const m = Math.max(...row);
    const e = row.map((v) => Math.exp(v - m));
    const s = e.reduce((a, v) => a + v, 0);
    return e.map((v, c) => (v / s - (c === y ? 1 : 0)) * (dy[r] as number));
  });
}

for (const direct of [true, false]) {
  reductionCases.push({
    kernel: "SoftmaxCrossEntropy",
    direct,
    name: `rows of [4,3] (one huge), positions [2,2] (${direct ? "the kernel" : "the op, any backend"})`,
    dtypes: FLOATS,
    run: (dtype) => [
      softmaxCrossEntropy(tensor(CE_LOGITS, [4, 3], dtype), tensor(CE_LABELS, [4], "int32")),
      softmaxCrossEntropy(tensor(CE_LOGITS, [2, 2, 3], dtype), tensor(CE_LABELS, [2, 2], "int32")),
    ],
    expected: [
      { shape: [4], values: crossEntropyRows(CE_LOGITS, CE_LABELS, 3) },
      { shape: [2, 2], values: crossEntropyRows(CE_LOGITS, CE_LABELS, 3) },
    ],
  });
}
reductionCases.push({
  kernel: "SoftmaxCrossEntropyGrad",
  name: "(softmax(x) − onehot(y))·dy on rows of [4,3]",
  dtypes: FLOATS,
  run: (dtype) =>
    runKernel("SoftmaxCrossEntropyGrad", {
      logits: tensor(CE_LOGITS, [4, 3], dtype),
      labels: tensor(CE_LABELS, [4], "int32"),
      dy: tensor(CE_DY, [4], dtype),
    }) as Tensor,
  expected: { shape: [4, 3], values: crossEntropyGradRows(CE_LOGITS, CE_LABELS, CE_DY, 3) },
});

export const reductionGradientCases: GradientCase[] = [
  {
    kernel: "SoftmaxCrossEntropy",
    name: "rows of [3,4] and positions [2,2] of [2,2,3]",
    f: (x, y) => [
      softmaxCrossEntropy(x, tensor([3, 0, 1], [3], "int32")),
      softmaxCrossEntropy(y, tensor([2, 0, 1, 1], [2, 2], "int32")),
    ],
    inputs: [
      [
        [0.5, -1, 2, 0.25],
        [3, 3.5, -0.25, 1],
        [-2, 0, 0.75, -0.5],
      ],
      [
        [
          [0.5, -1, 2],
          [1, 0, -1],
        ],
        [
          [-0.5, 1.5, 0.25],
          [0.25, -2, 1],
        ],
      ],
    ],
  },
  {
    kernel: "Sum",
    name: "axis 1 of [2,3]",
    f: (x) => sum(x, 1),
    inputs: [
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ],
  },
  {
    kernel: "Sum",
    name: "axes [0,2] keepDims",
    f: (x) => sum(x, [0, 2], true),
    inputs: [
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
      ],
    ],
  },
  {
    kernel: "Max",
    name: "axis 1 of [2,3] with a two-way tie (split evenly)",
    f: (x) => max(x, 1),
    inputs: [
      [
        [1, 3, 2],
        [4, -1, 4],
      ],
    ],
  },
  {
    kernel: "Max",
    name: "all axes keepDims, axes [0,2] of [2,2,2], min (composite)",
    f: (x) => [max(x, undefined, true), max(x, [0, 2]), min(x, 1)],
    inputs: [
      [
        [
          [1, 7],
          [3, -4],
        ],
        [
          [5, 6],
          [-2, 8.5],
        ],
      ],
    ],
  },
  {
    kernel: "Max",
    name: "logSumExp (composite; the max's gradient cancels)",
    f: (x) => [logSumExp(x, 1), logSumExp(x, 0, true)],
    inputs: [
      [
        [0.5, -1, 2],
        [3, 3, -0.25],
      ],
    ],
  },
  {
    kernel: "Sum",
    name: "mean (composite) over axes [0,2]",
    f: (x) => mean(x, [0, 2]),
    inputs: [
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
      ],
    ],
  },
  {
    kernel: "Softmax",
    name: "last axis of [2,3], axis 0 of [3,2]",
    f: (x, y) => [softmax(x), softmax(y, 0)],
    inputs: [
      [
        [0.5, -1, 2],
        [3, 3.5, -0.25],
      ],
      [
        [1, -2],
        [0.25, 0.5],
        [-1.5, 2],
      ],
    ],
  },
  {
    kernel: "Softmax",
    name: "middle axis of [2,3,2]",
    f: (x) => softmax(x, 1),
    inputs: [
      [
        [
          [0.5, -1],
          [2, 3],
          [1, 0],
        ],
        [
          [-0.5, 1.5],
          [0.25, -2],
          [1, 1],
        ],
      ],
    ],
  },
  {
    kernel: "LogSoftmax",
    name: "last axis of [2,3], axis 0 of [3,2]",
    f: (x, y) => [logSoftmax(x), logSoftmax(y, 0)],
    inputs: [
      [
        [0.5, -1, 2],
        [3, 3.5, -0.25],
      ],
      [
        [1, -2],
        [0.25, 0.5],
        [-1.5, 2],
      ],
    ],
  },
  {
    kernel: "LogSoftmax",
    name: "middle axis of [2,3,2]",
    f: (x) => logSoftmax(x, 1),
    inputs: [
      [
        [
          [0.5, -1],
          [2, 3],
          [1, 0],
        ],
        [
          [-0.5, 1.5],
          [0.25, -2],
          [1, 1],
        ],
      ],
    ],
  },
];
