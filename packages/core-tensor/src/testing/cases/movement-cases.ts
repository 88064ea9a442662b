import { tensor } from "../../ops/creation/tensor.js";
import { reshape } from "../../ops/movement/reshape.js";
import type { ConformanceCase, GradientCase } from "../conformance-case.js";

const ALL = ["float32", "float64", "int32"] as const;

export const movementCases: ConformanceCase[] = [
  {
    kernel: "Reshape",
    name: "[2,3] to [3,-1]",
    dtypes: ALL,
    run: (dtype) => reshape(tensor([1, 2, 3, 4, 5, 6], [2, 3], dtype), [3, -1]),
    expected: { shape: [3, 2], values: [1, 2, 3, 4, 5, 6] },
  },
];

export const movementGradientCases: GradientCase[] = [
  {
    kernel: "Reshape",
    name: "[2,3] to [6]",
    f: (x) => reshape(x, [6]),
    inputs: [
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ],
  },
];
