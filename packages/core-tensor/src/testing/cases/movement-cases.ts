import { grad } from "../../autograd.js";
import { tensor } from "../../ops/creation/tensor.js";
import { mul } from "../../ops/elementwise/mul.js";
import { concat } from "../../ops/movement/concat.js";
import { expandDims } from "../../ops/movement/expand-dims.js";
import { gather } from "../../ops/movement/gather.js";
import { oneHot } from "../../ops/movement/one-hot.js";
import { pad } from "../../ops/movement/pad.js";
import { reshape } from "../../ops/movement/reshape.js";
import { scatterAdd } from "../../ops/movement/scatter-add.js";
import { slice } from "../../ops/movement/slice.js";
import { split } from "../../ops/movement/split.js";
import { squeeze } from "../../ops/movement/squeeze.js";
import { stack } from "../../ops/movement/stack.js";
import { tile } from "../../ops/movement/tile.js";
import { transpose } from "../../ops/movement/transpose.js";
import { unstack } from "../../ops/movement/unstack.js";
import { sum } from "../../ops/reduction/sum.js";
import type { Tensor } from "../../tensor.js";
import type { ConformanceCase, GradientCase } from "../conformance-case.js";

const ALL = ["float32", "float64", "int32"] as const;
/** x[i,j,k] = 1 + 12i + 4j + k for shape [2,3,4]. */
const X234 = Array.from({ length: 24 }, (_, i) => i + 1);
const X234_NESTED = Array.from({ length: 2 }, (_, i) =>
  Array.from({ length: 3 }, (_, j) => Array.from({ length: 4 }, (_, k) => 1 + 12 * i + 4 * j + k)),
);
const int32 = (values: number[], shape: number[]): Tensor => tensor(values, shape, "int32");

export const movementCases: ConformanceCase[] = [
  {
    kernel: "Reshape",
    name: "[2,3] to [3,-1]",
    dtypes: ALL,
    run: (dtype) => reshape(tensor([1, 2, 3, 4, 5, 6], [2, 3], dtype), [3, -1]),
    expected: { shape: [3, 2], values: [1, 2, 3, 4, 5, 6] },
  },
  {
    kernel: "Reshape",
    name: "expandDims and squeeze (composites)",
    dtypes: ALL,
    run: (dtype) => {
      const x = tensor([1, 2, 3, 4, 5, 6], [2, 3], dtype);
      const y = tensor([7, 8], [1, 2, 1], dtype);
      return [expandDims(x, 1), expandDims(x, -1), squeeze(y), squeeze(y, [-1])];
    },
    expected: [
      { shape: [2, 1, 3], values: [1, 2, 3, 4, 5, 6] },
      { shape: [2, 3, 1], values: [1, 2, 3, 4, 5, 6] },
      { shape: [2], values: [7, 8] },
      { shape: [1, 2], values: [7, 8] },
    ],
  },
  {
    kernel: "Transpose",
    name: "[2,3] default perm, [1,3] with a size-1 axis",
    dtypes: ALL,
    run: (dtype) => [
      transpose(tensor([1, 2, 3, 4, 5, 6], [2, 3], dtype)),
      transpose(tensor([1, 2, 3], [1, 3], dtype)),
    ],
    expected: [
      { shape: [3, 2], values: [1, 4, 2, 5, 3, 6] },
      { shape: [3, 1], values: [1, 2, 3] },
    ],
  },
  {
    kernel: "Transpose",
    name: "[2,3,4] with perms [1,0,2], [2,0,1], [0,2,1] and reversed",
    dtypes: ALL,
    run: (dtype) => {
      const x = tensor(X234, [2, 3, 4], dtype);
      return [
        transpose(x, [1, 0, 2]),
        transpose(x, [2, 0, 1]),
        transpose(x, [0, 2, 1]),
        transpose(x),
      ];
    },
    expected: [
      // out[j,i,k] = x[i,j,k]
      {
        shape: [3, 2, 4],
        values: [
          1, 2, 3, 4, 13, 14, 15, 16, 5, 6, 7, 8, 17, 18, 19, 20, 9, 10, 11, 12, 21, 22, 23, 24,
        ],
      },
      // out[k,i,j] = x[i,j,k]
      {
        shape: [4, 2, 3],
        values: [
          1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23, 4, 8, 12, 16, 20, 24,
        ],
      },
      // out[i,k,j] = x[i,j,k]
      {
        shape: [2, 4, 3],
        values: [
          1, 5, 9, 2, 6, 10, 3, 7, 11, 4, 8, 12, 13, 17, 21, 14, 18, 22, 15, 19, 23, 16, 20, 24,
        ],
      },
      // out[k,j,i] = x[i,j,k]
      {
        shape: [4, 3, 2],
        values: [
          1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22, 3, 15, 7, 19, 11, 23, 4, 16, 8, 20, 12, 24,
        ],
      },
    ],
  },
  {
    kernel: "Slice",
    name: "[2,4] blocks, size -1, rank 1, empty",
    dtypes: ALL,
    run: (dtype) => {
      const x = tensor([1, 2, 3, 4, 5, 6, 7, 8], [2, 4], dtype);
      return [
        slice(x, [0, 1], [2, 2]),
        slice(x, [1, 0], [1, -1]),
        slice(x, [0, 3]),
        slice(tensor([1, 2, 3, 4, 5], [5], dtype), 2),
        slice(x, [1, 1], [0, 2]),
      ];
    },
    expected: [
      { shape: [2, 2], values: [2, 3, 6, 7] },
      { shape: [1, 4], values: [5, 6, 7, 8] },
      { shape: [2, 1], values: [4, 8] },
      { shape: [3], values: [3, 4, 5] },
      { shape: [0, 2], values: [] },
    ],
  },
  {
    kernel: "Slice",
    name: "[2,3,4] inner blocks",
    dtypes: ALL,
    run: (dtype) => {
      const x = tensor(X234, [2, 3, 4], dtype);
      return [slice(x, [1, 1, 0], [1, 2, -1]), slice(x, [0, 1, 1], [2, 1, 2])];
    },
    expected: [
      { shape: [1, 2, 4], values: [17, 18, 19, 20, 21, 22, 23, 24] },
      { shape: [2, 1, 2], values: [6, 7, 18, 19] },
    ],
  },
  {
    kernel: "Slice",
    name: "split (composite)",
    dtypes: ALL,
    run: (dtype) => {
      const x = tensor([1, 2, 3, 4, 5, 6], [2, 3], dtype);
      return [...split(x, [1, -1], 1), ...split(x, 2)];
    },
    expected: [
      { shape: [2, 1], values: [1, 4] },
      { shape: [2, 2], values: [2, 3, 5, 6] },
      { shape: [1, 3], values: [1, 2, 3] },
      { shape: [1, 3], values: [4, 5, 6] },
    ],
  },
  {
    kernel: "Unstack",
    name: "[2,3,4] along axis 0, 1 and -1",
    dtypes: ALL,
    run: (dtype) => {
      const x = tensor(X234, [2, 3, 4], dtype);
      return [...unstack(x), ...unstack(x, 1), ...unstack(x, -1)];
    },
    expected: [
      // axis 0: out_i[j,k] = 1 + 12i + 4j + k
      { shape: [3, 4], values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
      { shape: [3, 4], values: [13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24] },
      // axis 1: out_j[i,k] = 1 + 12i + 4j + k
      { shape: [2, 4], values: [1, 2, 3, 4, 13, 14, 15, 16] },
      { shape: [2, 4], values: [5, 6, 7, 8, 17, 18, 19, 20] },
      { shape: [2, 4], values: [9, 10, 11, 12, 21, 22, 23, 24] },
      // axis 2: out_k[i,j] = 1 + 12i + 4j + k
      { shape: [2, 3], values: [1, 5, 9, 13, 17, 21] },
      { shape: [2, 3], values: [2, 6, 10, 14, 18, 22] },
      { shape: [2, 3], values: [3, 7, 11, 15, 19, 23] },
      { shape: [2, 3], values: [4, 8, 12, 16, 20, 24] },
    ],
  },
  {
    kernel: "Unstack",
    name: "rank 1 to scalars, a size-1 axis, empty outputs",
    dtypes: ALL,
    run: (dtype) => [
      ...unstack(tensor([7, -8, 9], [3], dtype)),
      ...unstack(tensor([1, 2, 3], [1, 3], dtype)),
      ...unstack(tensor([1, 2, 3], [3, 1], dtype), 1),
      ...unstack(tensor([], [2, 0], dtype)),
      ...unstack(tensor([], [2, 0], dtype), 1),
    ],
    expected: [
      { shape: [], values: [7] },
      { shape: [], values: [-8] },
      { shape: [], values: [9] },
      { shape: [3], values: [1, 2, 3] },
      { shape: [3], values: [1, 2, 3] },
      { shape: [0], values: [] },
      { shape: [0], values: [] },
    ],
  },
  {
    kernel: "Concat",
    name: "axis 0, axis 1 of three, axis -1 of rank 3",
    dtypes: ALL,
    run: (dtype) => [
      concat([tensor([1, 2], [1, 2], dtype), tensor([3, 4, 5, 6], [2, 2], dtype)]),
      concat(
        [
          tensor([1, 2], [2, 1], dtype),
          tensor([3, 4, 5, 6], [2, 2], dtype),
          tensor([7, 8], [2, 1], dtype),
        ],
        1,
      ),
      concat([tensor([1, 2, 3, 4], [2, 1, 2], dtype), tensor([9, 10], [2, 1, 1], dtype)], -1),
    ],
    expected: [
      { shape: [3, 2], values: [1, 2, 3, 4, 5, 6] },
      { shape: [2, 4], values: [1, 3, 4, 7, 2, 5, 6, 8] },
      { shape: [2, 1, 3], values: [1, 2, 9, 3, 4, 10] },
    ],
  },
  {
    kernel: "Concat",
    name: "stack, tile and pad (composites)",
    dtypes: ALL,
    run: (dtype) => {
      const a = tensor([1, 2], [2], dtype);
      const b = tensor([3, 4], [2], dtype);
      return [
        stack([a, b]),
        stack([a, b], 1),
        tile(tensor([1, 2, 3, 4], [2, 2], dtype), [1, 2]),
        pad(tensor([1, 2, 3, 4], [2, 2], dtype), [
          [1, 0],
          [0, 1],
        ]),
      ];
    },
    expected: [
      { shape: [2, 2], values: [1, 2, 3, 4] },
      { shape: [2, 2], values: [1, 3, 2, 4] },
      { shape: [2, 4], values: [1, 2, 1, 2, 3, 4, 3, 4] },
      { shape: [3, 3], values: [0, 0, 0, 1, 2, 0, 3, 4, 0] },
    ],
  },
  {
    kernel: "Gather",
    name: "rows with repeats, axis 1 with [2,2] indices, scalar index",
    dtypes: ALL,
    run: (dtype) => [
      gather(tensor([1, 2, 3, 4, 5, 6], [3, 2], dtype), int32([2, 0, 2], [3])),
      gather(tensor([1, 2, 3, 4, 5, 6], [2, 3], dtype), int32([2, 0, 1, 1], [2, 2]), 1),
      gather(tensor([1, 2, 3, 4, 5, 6], [3, 2], dtype), int32([1], [])),
    ],
    expected: [
      { shape: [3, 2], values: [5, 6, 1, 2, 5, 6] },
      // out[o,a,b] = x[o, idx[a,b]]
      { shape: [2, 2, 2], values: [3, 1, 2, 2, 6, 4, 5, 5] },
      { shape: [2], values: [3, 4] },
    ],
  },
  {
    kernel: "ScatterAdd",
    name: "repeated indices accumulate, rows, axis 1",
    dtypes: ALL,
    run: (dtype) => [
      scatterAdd(tensor([1, 2, 3], [3], dtype), int32([0, 2, 0], [3]), 0, [3]),
      scatterAdd(tensor([1, 2, 3, 4], [2, 2], dtype), int32([1, 1], [2]), 0, [3, 2]),
      scatterAdd(tensor([1, 2, 3, 4, 5, 6], [2, 3], dtype), int32([2, 2, 0], [3]), 1, [2, 4]),
    ],
    expected: [
      { shape: [3], values: [1 + 3, 0, 2] },
      { shape: [3, 2], values: [0, 0, 1 + 3, 2 + 4, 0, 0] },
      { shape: [2, 4], values: [3, 0, 1 + 2, 0, 6, 0, 4 + 5, 0] },
    ],
  },
  {
    kernel: "OneHot",
    name: "depth 3, custom on/off values, [2,1] indices",
    dtypes: ALL,
    run: (dtype) => [
      oneHot(int32([2, 0, 1], [3]), 3, { dtype }),
      oneHot(int32([1, 3], [2, 1]), 4, { onValue: 5, offValue: -1, dtype }),
    ],
    expected: [
      { shape: [3, 3], values: [0, 0, 1, 1, 0, 0, 0, 1, 0] },
      { shape: [2, 1, 4], values: [-1, 5, -1, -1, -1, -1, -1, 5] },
    ],
  },
  {
    kernel: "OneHot",
    name: "float32 by default",
    dtypes: ["int32"],
    run: () => oneHot(int32([1, 0], [2]), 2),
    expected: { shape: [2, 2], values: [0, 1, 1, 0], dtype: "float32" },
  },
];

const X34 = [
  [1, -2, 3, 0.5],
  [4, 5, -6, 2],
  [-1, 7, 8, 9],
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
  { kernel: "Transpose", name: "[3,4] default perm", f: (x) => transpose(x), inputs: [X34] },
  {
    kernel: "Transpose",
    name: "[2,3,4] perm [2,0,1]",
    f: (x) => transpose(x, [2, 0, 1]),
    inputs: [X234_NESTED],
  },
  {
    kernel: "Slice",
    name: "[3,4] inner block",
    f: (x) => slice(x, [1, 1], [2, -1]),
    inputs: [X34],
  },
  {
    kernel: "Slice",
    name: "[2,3,4] middle block",
    f: (x) => slice(x, [0, 1, 1], [2, 1, 2]),
    inputs: [X234_NESTED],
  },
  {
    kernel: "Slice",
    name: "split into [1,-1] along axis 1 (composite, two outputs)",
    f: (x) => split(x, [1, -1], 1),
    inputs: [X34],
  },
  {
    kernel: "Slice",
    name: "second order: d/dx of the gradient of Σ slice(x)²",
    f: (x) => grad((y) => sum(mul(slice(y, [1, 0], [2, 3]), slice(y, [1, 0], [2, 3]))))(x),
    inputs: [X34],
  },
  {
    kernel: "Unstack",
    name: "[2,3,4] along axis 1, every output reaches the loss",
    f: (x) => unstack(x, 1),
    inputs: [X234_NESTED],
  },
  {
    kernel: "Unstack",
    name: "[3,4] along axis -1, only outputs 0 and 2 reach the loss",
    f: (x) => {
      const parts = unstack(x, -1);
      return [parts[0] as Tensor, mul(parts[2] as Tensor, parts[2] as Tensor)];
    },
    inputs: [X34],
  },
  {
    kernel: "Unstack",
    name: "second order: d/dx of the gradient of Σ unstack(x)[2]²",
    f: (x) =>
      grad((y) => {
        const row = unstack(y)[2] as Tensor;
        return sum(mul(row, row));
      })(x),
    inputs: [X34],
  },
  {
    kernel: "Concat",
    name: "three inputs along axis 1",
    f: (a, b, c) => concat([a, b, c], 1),
    inputs: [
      [[1], [2]],
      [
        [3, 4],
        [5, 6],
      ],
      [[7], [-8]],
    ],
  },
  {
    kernel: "Concat",
    name: "stack along axis 1 (composite)",
    f: (a, b) => stack([a, b], 1),
    inputs: [
      [1, 2, 3],
      [4, -5, 6],
    ],
  },
  {
    kernel: "Concat",
    name: "tile [2,2] by [2,3] (the same input several times)",
    f: (x) => tile(x, [2, 3]),
    inputs: [
      [
        [1, 2],
        [3, 4],
      ],
    ],
  },
  {
    kernel: "Gather",
    name: "rows with repeated indices",
    f: (x) => gather(x, tensor([2, 0, 2, 2], [4], "int32")),
    inputs: [X34],
  },
  {
    kernel: "Gather",
    name: "axis 1 with [2,2] indices and repeats",
    f: (x) => gather(x, tensor([3, 0, 3, 1], [2, 2], "int32"), 1),
    inputs: [X34],
  },
  {
    kernel: "ScatterAdd",
    name: "rows with repeated indices",
    f: (dy) => scatterAdd(dy, tensor([0, 2, 0], [3], "int32"), 0, [3, 2]),
    inputs: [
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
    ],
  },
  {
    kernel: "ScatterAdd",
    name: "second order: d/dx of the gradient of Σ gather(x)² (gather ↔ scatterAdd)",
    f: (x) =>
      grad((y) => {
        const g = gather(y, tensor([2, 0, 2], [3], "int32"), 1);
        return sum(mul(g, g));
      })(x),
    inputs: [X34],
  },
];
