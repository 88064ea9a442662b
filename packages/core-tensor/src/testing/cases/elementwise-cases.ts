// Expected values are worked out by hand or are well-known constants (checked against Python's
// `math` module), never read back from a kernel.
import { grad } from "../../autograd.js";
import { tensor } from "../../ops/creation/tensor.js";
import { abs } from "../../ops/elementwise/abs.js";
import { add } from "../../ops/elementwise/add.js";
import { cast } from "../../ops/elementwise/cast.js";
import { clip } from "../../ops/elementwise/clip.js";
import { div } from "../../ops/elementwise/div.js";
import { equal } from "../../ops/elementwise/equal.js";
import { exp } from "../../ops/elementwise/exp.js";
import { greater } from "../../ops/elementwise/greater.js";
import { greaterEqual } from "../../ops/elementwise/greater-equal.js";
import { leakyRelu } from "../../ops/elementwise/leaky-relu.js";
import { less } from "../../ops/elementwise/less.js";
import { lessEqual } from "../../ops/elementwise/less-equal.js";
import { log } from "../../ops/elementwise/log.js";
import { logSigmoid } from "../../ops/elementwise/log-sigmoid.js";
import { maximum } from "../../ops/elementwise/maximum.js";
import { minimum } from "../../ops/elementwise/minimum.js";
import { mul } from "../../ops/elementwise/mul.js";
import { neg } from "../../ops/elementwise/neg.js";
import { pow } from "../../ops/elementwise/pow.js";
import { reciprocal } from "../../ops/elementwise/reciprocal.js";
import { relu } from "../../ops/elementwise/relu.js";
import { sigmoid } from "../../ops/elementwise/sigmoid.js";
import { sign } from "../../ops/elementwise/sign.js";
import { softplus } from "../../ops/elementwise/softplus.js";
import { sqrt } from "../../ops/elementwise/sqrt.js";
import { square } from "../../ops/elementwise/square.js";
import { sub } from "../../ops/elementwise/sub.js";
import { tanh } from "../../ops/elementwise/tanh.js";
import { where } from "../../ops/elementwise/where.js";
import { sum } from "../../ops/reduction/sum.js";
import type { Tensor } from "../../tensor.js";
import type { ConformanceCase, GradientCase } from "../conformance-case.js";

const ALL = ["float32", "float64", "int32"] as const;
const FLOAT = ["float32", "float64"] as const;

const E = Math.E;
const INV_E = 0.36787944117144233; // e^−1
const LN2 = Math.LN2;
const TANH_1 = 0.7615941559557649;
const TANH_HALF = 0.46211715726000974;
const SIGMOID_1 = 0.7310585786300049; // 1 / (1 + e^−1)
const SIGMOID_2 = 0.8807970779778823;
const SIGMOID_MINUS_40 = 4.248354255291589e-18; // e^−40 / (1 + e^−40): lost if computed as 1 − σ(40)
const INF = Number.POSITIVE_INFINITY;

/** The five comparisons on a [2,3] against a [3] row (broadcast), and against a number. */
const A_CMP = [1, 2, 3, 3, 2, 1];
const B_CMP = [2, 2, 1];
const comparisons: [
  ConformanceCase["kernel"],
  (a: Tensor | number, b: Tensor | number) => Tensor,
  number[],
  number[],
][] = [
  // kernel, op, expected vs B_CMP, expected vs the number 2
  ["Greater", greater, [0, 0, 1, 1, 0, 0], [0, 0, 1, 1, 0, 0]],
  ["GreaterEqual", greaterEqual, [0, 1, 1, 1, 1, 1], [0, 1, 1, 1, 1, 0]],
  ["Less", less, [1, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 1]],
  ["LessEqual", lessEqual, [1, 1, 0, 0, 1, 1], [1, 1, 0, 0, 1, 1]],
  ["Equal", equal, [0, 1, 0, 0, 1, 1], [0, 1, 0, 0, 1, 0]],
];

export const elementwiseCases: ConformanceCase[] = [
  // ---- unary ----
  {
    kernel: "Neg",
    name: "[2,2]",
    dtypes: ALL,
    run: (dtype) => neg(tensor([1, -2, 0, 7], [2, 2], dtype)),
    expected: { shape: [2, 2], values: [-1, 2, 0, -7] },
  },
  {
    kernel: "Exp",
    name: "small values, overflow to ∞ and underflow to 0",
    dtypes: FLOAT,
    run: (dtype) => exp(tensor([0, 1, -1, 2, 1000, -1000], [2, 3], dtype)),
    expected: { shape: [2, 3], values: [1, E, INV_E, 7.38905609893065, INF, 0] },
  },
  {
    kernel: "Log",
    name: "positive values, log 0 = −∞, log of a negative is NaN",
    dtypes: FLOAT,
    run: (dtype) => log(tensor([1, E, 2, 10, 0, -1], [6], dtype)),
    expected: { shape: [6], values: [0, 1, LN2, Math.LN10, -INF, Number.NaN] },
  },
  {
    kernel: "Sqrt",
    name: "squares, √2, and NaN below zero",
    dtypes: FLOAT,
    run: (dtype) => sqrt(tensor([0, 1, 4, 0.25, 2, -1], [3, 2], dtype)),
    expected: { shape: [3, 2], values: [0, 1, 2, 0.5, Math.SQRT2, Number.NaN] },
  },
  {
    kernel: "Abs",
    name: "integers",
    dtypes: ALL,
    run: (dtype) => abs(tensor([-3, 0, 2, -1], [4], dtype)),
    expected: { shape: [4], values: [3, 0, 2, 1] },
  },
  {
    kernel: "Abs",
    name: "fractions",
    dtypes: FLOAT,
    run: (dtype) => abs(tensor([-2.5, 0.75], [2], dtype)),
    expected: { shape: [2], values: [2.5, 0.75] },
  },
  {
    kernel: "Sign",
    name: "integers",
    dtypes: ALL,
    run: (dtype) => sign(tensor([-3, 0, 2, -1], [2, 2], dtype)),
    expected: { shape: [2, 2], values: [-1, 0, 1, -1] },
  },
  {
    kernel: "Sign",
    name: "fractions",
    dtypes: FLOAT,
    run: (dtype) => sign(tensor([-0.5, 0.25, 1000], [3], dtype)),
    expected: { shape: [3], values: [-1, 1, 1] },
  },
  {
    kernel: "Tanh",
    name: "small values and saturation at ±1000 (no NaN)",
    dtypes: FLOAT,
    run: (dtype) => tanh(tensor([0, 1, -1, 0.5, 1000, -1000], [6], dtype)),
    expected: { shape: [6], values: [0, TANH_1, -TANH_1, TANH_HALF, 1, -1] },
  },
  {
    kernel: "Sigmoid",
    name: "small values and saturation at ±1000 (no NaN)",
    dtypes: FLOAT,
    run: (dtype) => sigmoid(tensor([0, 1, -1, 2, 1000, -1000], [2, 3], dtype)),
    expected: { shape: [2, 3], values: [0.5, SIGMOID_1, 1 - SIGMOID_1, SIGMOID_2, 1, 0] },
  },
  {
    kernel: "Sigmoid",
    name: "σ(−40) keeps its relative precision",
    dtypes: ["float64"],
    run: (dtype) => sigmoid(tensor([-40], [1], dtype)),
    expected: { shape: [1], values: [SIGMOID_MINUS_40] },
  },
  {
    kernel: "Relu",
    name: "[2,2]",
    dtypes: FLOAT,
    run: (dtype) => relu(tensor([-2, 0, 3, -0.5], [2, 2], dtype)),
    expected: { shape: [2, 2], values: [0, 0, 3, 0] },
  },
  {
    kernel: "LeakyRelu",
    name: "default α = 0.2 and α = 0.1",
    dtypes: FLOAT,
    run: (dtype) => {
      const x = tensor([-2, 0, 3, -0.5], [4], dtype);
      return [leakyRelu(x), leakyRelu(x, 0.1)];
    },
    expected: [
      { shape: [4], values: [-0.4, 0, 3, -0.1] },
      { shape: [4], values: [-0.2, 0, 3, -0.05] },
    ],
  },
  {
    kernel: "Cast",
    name: "float → int32 truncates toward zero; float → float keeps values",
    dtypes: FLOAT,
    run: (dtype) => {
      const x = tensor([1.75, -1.75, 2.5, -0.5, 3, -3], [2, 3], dtype);
      return [cast(x, "int32"), cast(x, "float64"), cast(x, "float32")];
    },
    expected: [
      { shape: [2, 3], values: [1, -1, 2, 0, 3, -3], dtype: "int32" },
      { shape: [2, 3], values: [1.75, -1.75, 2.5, -0.5, 3, -3], dtype: "float64" },
      { shape: [2, 3], values: [1.75, -1.75, 2.5, -0.5, 3, -3], dtype: "float32" },
    ],
  },
  {
    kernel: "Cast",
    name: "float64 → float32 rounds to the nearest float32",
    dtypes: ["float64"],
    // 0.1 is 0x3DCCCCCD in float32 = 13421773 / 2^27
    run: (dtype) => cast(cast(tensor([0.1, -0.1], [2], dtype), "float32"), "float64"),
    expected: { shape: [2], values: [13421773 / 2 ** 27, -13421773 / 2 ** 27] },
  },
  {
    kernel: "Cast",
    name: "from every dtype to int32 and to floats",
    dtypes: ALL,
    run: (dtype) => {
      const x = tensor([-2, 0, 5], [3], dtype);
      return [cast(x, "int32"), cast(x, "float32"), cast(x, "float64")];
    },
    expected: [
      { shape: [3], values: [-2, 0, 5], dtype: "int32" },
      { shape: [3], values: [-2, 0, 5], dtype: "float32" },
      { shape: [3], values: [-2, 0, 5], dtype: "float64" },
    ],
  },

  // ---- binary ----
  {
    kernel: "Add",
    name: "same shape",
    dtypes: ALL,
    run: (dtype) =>
      add(tensor([1, 2, 3, 4], [2, 2], dtype), tensor([10, 20, 30, 40], [2, 2], dtype)),
    expected: { shape: [2, 2], values: [11, 22, 33, 44] },
  },
  {
    kernel: "Add",
    name: "broadcast [2,3] + [3] and a scalar",
    dtypes: ALL,
    run: (dtype) => [
      add(tensor([1, 2, 3, 4, 5, 6], [2, 3], dtype), tensor([10, 20, 30], [3], dtype)),
      add(tensor([1, 2], [2], dtype), 5),
    ],
    expected: [
      { shape: [2, 3], values: [11, 22, 33, 14, 25, 36] },
      { shape: [2], values: [6, 7] },
    ],
  },
  {
    kernel: "Add",
    name: "broadcast [2,1] + [1,3]",
    dtypes: ALL,
    run: (dtype) => add(tensor([1, 2], [2, 1], dtype), tensor([10, 20, 30], [1, 3], dtype)),
    expected: { shape: [2, 3], values: [11, 21, 31, 12, 22, 32] },
  },
  {
    kernel: "Sub",
    name: "broadcast [2,2] − [2], [2,1] − [1,3], number − tensor",
    dtypes: ALL,
    run: (dtype) => [
      sub(tensor([5, 7, 1, 0], [2, 2], dtype), tensor([1, 2], [2], dtype)),
      sub(tensor([10, 20], [2, 1], dtype), tensor([1, 2, 3], [1, 3], dtype)),
      sub(10, tensor([1, 2], [2], dtype)),
      sub(tensor([1, 2], [2], dtype), 1),
    ],
    expected: [
      { shape: [2, 2], values: [4, 5, 0, -2] },
      { shape: [2, 3], values: [9, 8, 7, 19, 18, 17] },
      { shape: [2], values: [9, 8] },
      { shape: [2], values: [0, 1] },
    ],
  },
  {
    kernel: "Mul",
    name: "broadcast [2,2] · [2,1]",
    dtypes: ALL,
    run: (dtype) => mul(tensor([1, 2, 3, 4], [2, 2], dtype), tensor([2, -1], [2, 1], dtype)),
    expected: { shape: [2, 2], values: [2, 4, -3, -4] },
  },
  {
    kernel: "Div",
    name: "broadcast [2,2] / [2], number / tensor, division by zero",
    dtypes: FLOAT,
    run: (dtype) => [
      div(tensor([1, 2, 3, 4], [2, 2], dtype), tensor([2, 4], [2], dtype)),
      div(1, tensor([4, -0.5], [2], dtype)),
      div(tensor([1, -1, 0], [3], dtype), 0),
    ],
    expected: [
      { shape: [2, 2], values: [0.5, 0.5, 1.5, 1] },
      { shape: [2], values: [0.25, -2] },
      { shape: [3], values: [INF, -INF, Number.NaN] },
    ],
  },
  {
    kernel: "Pow",
    name: "broadcast [2,2] ^ [2], x^0, 2^x, negative base",
    dtypes: FLOAT,
    run: (dtype) => [
      pow(tensor([2, 4, 9, 3], [2, 2], dtype), tensor([2, 0.5], [2], dtype)),
      pow(tensor([5, 0, -3], [3], dtype), 0),
      pow(2, tensor([-1, 3, 0.5], [3], dtype)),
      pow(tensor([-2, -2], [2], dtype), tensor([3, 0.5], [2], dtype)),
    ],
    expected: [
      { shape: [2, 2], values: [4, 2, 81, 1.7320508075688772] },
      { shape: [3], values: [1, 1, 1] },
      { shape: [3], values: [0.5, 8, Math.SQRT2] },
      { shape: [2], values: [-8, Number.NaN] },
    ],
  },
  {
    kernel: "Maximum",
    name: "broadcast [2,2] with [2] and with a number",
    dtypes: ALL,
    run: (dtype) => [
      maximum(tensor([1, 5, -3, 2], [2, 2], dtype), tensor([2, 2], [2], dtype)),
      maximum(tensor([-1, 0, 3], [3], dtype), 0),
    ],
    expected: [
      { shape: [2, 2], values: [2, 5, 2, 2] },
      { shape: [3], values: [0, 0, 3] },
    ],
  },
  {
    kernel: "Minimum",
    name: "broadcast [2,2] with [2,1] and with a number",
    dtypes: ALL,
    run: (dtype) => [
      minimum(tensor([1, 5, -3, 2], [2, 2], dtype), tensor([2, 0], [2, 1], dtype)),
      minimum(tensor([-1, 0, 3], [3], dtype), 0),
    ],
    expected: [
      { shape: [2, 2], values: [1, 2, -3, 0] },
      { shape: [3], values: [-1, 0, 0] },
    ],
  },
  ...comparisons.map(
    ([kernel, op, vsRow, vsTwo]): ConformanceCase => ({
      kernel,
      name: "broadcast [2,3] with [3] and with a number → int32",
      dtypes: ALL,
      run: (dtype) => [
        op(tensor(A_CMP, [2, 3], dtype), tensor(B_CMP, [3], dtype)),
        op(tensor(A_CMP, [2, 3], dtype), 2),
      ],
      expected: [
        { shape: [2, 3], values: vsRow, dtype: "int32" },
        { shape: [2, 3], values: vsTwo, dtype: "int32" },
      ],
    }),
  ),
  {
    kernel: "Equal",
    name: "NaN equals nothing, ±∞ compare as numbers",
    dtypes: FLOAT,
    run: (dtype) => {
      const a = tensor([Number.NaN, INF, -INF, 0.5], [4], dtype);
      const b = tensor([Number.NaN, INF, 0, 0.5], [4], dtype);
      return [equal(a, b), greater(a, b), lessEqual(a, b)];
    },
    expected: [
      { shape: [4], values: [0, 1, 0, 1], dtype: "int32" },
      { shape: [4], values: [0, 0, 0, 0], dtype: "int32" },
      { shape: [4], values: [0, 1, 1, 1], dtype: "int32" },
    ],
  },
  {
    kernel: "Where",
    name: "int32 condition [3], a [2,3], b [2,1] broadcast together",
    dtypes: ALL,
    run: (dtype) =>
      where(
        tensor([1, 0, 2], [3], "int32"),
        tensor([1, 2, 3, 4, 5, 6], [2, 3], dtype),
        tensor([-1, -2], [2, 1], dtype),
      ),
    expected: { shape: [2, 3], values: [1, -1, 3, 4, -2, 6] },
  },
  {
    kernel: "Where",
    name: "condition of the case's dtype (non-zero is true), same shapes, a number for b",
    dtypes: ALL,
    run: (dtype) => {
      const condition = tensor([0, 3, -1, 0], [2, 2], dtype);
      return [
        where(condition, tensor([1, 2, 3, 4], [2, 2], dtype), tensor([5, 6, 7, 8], [2, 2], dtype)),
        where(condition, tensor([1, 2, 3, 4], [2, 2], dtype), 0),
      ];
    },
    expected: [
      { shape: [2, 2], values: [5, 2, 3, 8] },
      { shape: [2, 2], values: [0, 2, 3, 0] },
    ],
  },
  {
    kernel: "Where",
    name: "scalar condition picks a whole tensor",
    dtypes: FLOAT,
    run: (dtype) => {
      const a = tensor([1, 2], [2], dtype);
      const b = tensor([3, 4], [2], dtype);
      return [where(tensor(1, [], "int32"), a, b), where(tensor(0, [], "int32"), a, b)];
    },
    expected: [
      { shape: [2], values: [1, 2] },
      { shape: [2], values: [3, 4] },
    ],
  },

  // ---- composites (run through the kernels they are built from) ----
  {
    kernel: "Mul",
    name: "square",
    dtypes: ALL,
    run: (dtype) => square(tensor([-3, 2, 0], [3], dtype)),
    expected: { shape: [3], values: [9, 4, 0] },
  },
  {
    kernel: "Div",
    name: "reciprocal",
    dtypes: FLOAT,
    run: (dtype) => reciprocal(tensor([2, -4, 0.5], [3], dtype)),
    expected: { shape: [3], values: [0.5, -0.25, 2] },
  },
  {
    kernel: "Minimum",
    name: "clip to [−1, 2]",
    dtypes: ALL,
    run: (dtype) => clip(tensor([-5, -1, 0, 2, 9, 1], [2, 3], dtype), -1, 2),
    expected: { shape: [2, 3], values: [-1, -1, 0, 2, 2, 1] },
  },
  {
    kernel: "Log",
    name: "softplus and logSigmoid, finite at ±1000",
    dtypes: FLOAT,
    run: (dtype) => {
      const x = tensor([0, 1, -1, 1000, -1000], [5], dtype);
      return [softplus(x), logSigmoid(x)];
    },
    expected: [
      // log(1 + eˣ): log 2, log(1 + e), log(1 + 1/e), 1000, 0
      { shape: [5], values: [LN2, 1.3132616875182228, 0.31326168751822286, 1000, 0] },
      // log σ(x) = −log(1 + e^−x)
      { shape: [5], values: [-LN2, -0.31326168751822286, -1.3132616875182228, 0, -1000] },
    ],
  },
];

const X23 = [
  [1, -2, 3],
  [0.5, 4, -1],
];

export const elementwiseGradientCases: GradientCase[] = [
  // ---- unary (inputs away from kinks) ----
  { kernel: "Neg", name: "[3]", f: neg, inputs: [[1, -2, 3]] },
  { kernel: "Exp", name: "[3]", f: exp, inputs: [[0.5, -1, 2]] },
  { kernel: "Log", name: "[3]", f: log, inputs: [[0.5, 1, 3]] },
  { kernel: "Sqrt", name: "[3]", f: sqrt, inputs: [[0.5, 1, 4]] },
  { kernel: "Abs", name: "[3] away from 0", f: abs, inputs: [[-1.5, 2, -0.3]] },
  { kernel: "Sign", name: "[3] away from 0 (zero gradient)", f: sign, inputs: [[-1.5, 2, 0.3]] },
  {
    kernel: "Tanh",
    name: "[2,3] including ±1000 (gradient 0, not NaN)",
    f: tanh,
    inputs: [
      [
        [-2, 0, 0.5],
        [1.5, 1000, -1000],
      ],
    ],
  },
  {
    kernel: "Sigmoid",
    name: "[2,3] including ±1000 (gradient 0, not NaN)",
    f: sigmoid,
    inputs: [
      [
        [-3, 0, 0.5],
        [2, 1000, -1000],
      ],
    ],
  },
  { kernel: "Relu", name: "[4] away from 0", f: relu, inputs: [[-1, 0.5, 2, -0.3]] },
  {
    kernel: "LeakyRelu",
    name: "default α and α = 0.1, away from 0",
    f: (x) => [leakyRelu(x), leakyRelu(x, 0.1)],
    inputs: [[-1, 0.5, 2, -0.3]],
  },
  {
    kernel: "Cast",
    name: "float64 → float32 → float64 passes dy through",
    f: (x) => cast(mul(cast(x, "float32"), 3), "float64"),
    inputs: [[0.5, -1.25, 2]],
    // float32 rounding of x ± ε: a large step keeps the numeric error ~1e−5
    options: { epsilon: 1e-2, atol: 1e-4 },
  },
  // ---- binary ----
  { kernel: "Add", name: "broadcast [2,3] + [3]", f: add, inputs: [X23, [0.5, -1, 2]] },
  { kernel: "Add", name: "broadcast [2,1] + [1,3]", f: add, inputs: [[[1], [2]], [[3, 4, 5]]] },
  { kernel: "Sub", name: "broadcast [2,3] − [3]", f: sub, inputs: [X23, [0.5, -1, 2]] },
  { kernel: "Sub", name: "broadcast [2,1] − [1,3]", f: sub, inputs: [[[1], [2]], [[3, 4, 5]]] },
  { kernel: "Mul", name: "broadcast [2,3] · [2,1]", f: mul, inputs: [X23, [[0.5], [-1.5]]] },
  { kernel: "Div", name: "broadcast [2,3] / [3]", f: div, inputs: [X23, [0.5, -1.5, 2]] },
  {
    kernel: "Div",
    name: "broadcast [3] / [2,1]",
    f: div,
    inputs: [
      [1, -2, 3],
      [[0.5], [-4]],
    ],
  },
  {
    kernel: "Pow",
    name: "positive base [2,3], exponent [3] (both gradients)",
    f: pow,
    inputs: [
      [
        [0.5, 1.5, 2],
        [3, 0.8, 1.2],
      ],
      [2, -1.5, 0.5],
    ],
  },
  {
    kernel: "Pow",
    name: "negative base, constant integer exponent",
    f: (a) => pow(a, 3),
    inputs: [[-2, -0.5, 1.5]],
  },
  {
    kernel: "Maximum",
    name: "broadcast [2,3] with [3], no ties",
    f: maximum,
    inputs: [X23, [0, 2, 1.5]],
  },
  {
    kernel: "Minimum",
    name: "broadcast [2,3] with [3], no ties",
    f: minimum,
    inputs: [X23, [0, 2, 1.5]],
  },
  {
    kernel: "Where",
    name: "int32 condition [3], a [2,3], b [2,1]",
    f: (a, b) => where(tensor([1, 0, 1], [3], "int32"), a, b),
    inputs: [X23, [[0.5], [-1.5]]],
  },
  {
    kernel: "Where",
    name: "float condition (gets a zero gradient) away from 0",
    f: (c, a, b) => where(c, a, b),
    inputs: [
      [1, -2, 0.5],
      [1, 2, 3],
      [4, 5, 6],
    ],
  },
  // ---- composites ----
  { kernel: "Mul", name: "square", f: square, inputs: [[-3, 0.5, 2]] },
  { kernel: "Div", name: "reciprocal", f: reciprocal, inputs: [[-3, 0.5, 2]] },
  {
    kernel: "Minimum",
    name: "clip to [−1, 2] away from the edges",
    f: (x) => clip(x, -1, 2),
    inputs: [[-3, -0.5, 1, 3.5]],
  },
  {
    kernel: "Log",
    name: "softplus and logSigmoid, smooth at 0",
    f: (x) => [softplus(x), logSigmoid(x)],
    inputs: [[0, -2, 3, 40, -40]],
  },
  // ---- second order: the gradients are written with ops, so they are differentiable too ----
  ...(
    [
      ["Exp", exp, [0.5, -1, 2]],
      ["Log", log, [0.5, 1, 3]],
      ["Sqrt", sqrt, [0.5, 1, 4]],
      ["Tanh", tanh, [-2, 0, 0.5, 1.5]],
      ["Sigmoid", sigmoid, [-3, 0, 0.5, 2]],
      ["Div", reciprocal, [-3, 0.5, 2]],
    ] as const
  ).map(
    ([kernel, op, inputs]): GradientCase => ({
      kernel,
      name: "second order: d/dx of the gradient of Σ f(x)",
      f: (x) => grad((y) => sum(op(y)))(x),
      inputs: [[...inputs]],
    }),
  ),
  {
    kernel: "Pow",
    name: "second order: d/da and d/db of the gradient of Σ aᵇ with respect to a",
    f: (a, b) => grad((y) => sum(pow(y, b)))(a),
    inputs: [
      [0.5, 1.5, 2],
      [2, -1.5, 0.5],
    ],
  },
];
