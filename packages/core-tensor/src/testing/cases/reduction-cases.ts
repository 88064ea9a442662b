import { tensor } from "../../ops/creation/tensor.js";
import { sum } from "../../ops/reduction/sum.js";
import type { ConformanceCase, GradientCase } from "../conformance-case.js";

const ALL = ["float32", "float64", "int32"] as const;
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
];

export const reductionGradientCases: GradientCase[] = [
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
];
