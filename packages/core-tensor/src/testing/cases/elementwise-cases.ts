import { tensor } from "../../ops/creation/tensor.js";
import { add } from "../../ops/elementwise/add.js";
import { mul } from "../../ops/elementwise/mul.js";
import type { ConformanceCase, GradientCase } from "../conformance-case.js";

const ALL = ["float32", "float64", "int32"] as const;

export const elementwiseCases: ConformanceCase[] = [
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
    kernel: "Mul",
    name: "broadcast [2,2] · [2,1]",
    dtypes: ALL,
    run: (dtype) => mul(tensor([1, 2, 3, 4], [2, 2], dtype), tensor([2, -1], [2, 1], dtype)),
    expected: { shape: [2, 2], values: [2, 4, -3, -4] },
  },
];

export const elementwiseGradientCases: GradientCase[] = [
  {
    kernel: "Add",
    name: "broadcast [2,3] + [3]",
    f: add,
    inputs: [
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [0.5, -1, 2],
    ],
  },
  { kernel: "Add", name: "broadcast [2,1] + [1,3]", f: add, inputs: [[[1], [2]], [[3, 4, 5]]] },
  {
    kernel: "Mul",
    name: "broadcast [2,3] · [2,1]",
    f: mul,
    inputs: [
      [
        [1, -2, 3],
        [4, 5, -6],
      ],
      [[0.5], [-1.5]],
    ],
  },
];
