import {
  concat,
  gather,
  memory,
  oneHot,
  scatterAdd,
  slice,
  split,
  squeeze,
  stack,
  tensor,
  tidy,
  transpose,
} from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { registerCpuBackend } from "./register.js";

registerCpuBackend();

/** Runs `fn` in a tidy and returns the message it throws (and checks nothing leaked). */
function messageOf(fn: () => unknown): string {
  const before = memory().numTensors;
  let message = "";
  try {
    tidy(fn);
  } catch (error) {
    message = (error as Error).message;
  }
  expect(memory().numTensors, "tensors leaked").toBe(before);
  return message;
}

describe("movement op errors name the op, what was expected and what came", () => {
  it("concat: shape mismatch names the input and both shapes", () => {
    const message = messageOf(() =>
      concat([tensor([1, 2, 3, 4, 5, 6], [2, 3]), tensor([1, 2, 3, 4, 5, 6, 7, 8], [2, 4])], 0),
    );
    expect(message).toBe(
      "concat: all inputs must match t0's shape [2,3] except on axis 0, but t1 is [2,4]",
    );
  });

  it("concat: dtype mismatch, empty list", () => {
    expect(messageOf(() => concat([tensor([1]), tensor([2], [1], "int32")]))).toBe(
      "concat: all inputs must be float32 like t0, but t1 is int32",
    );
    expect(messageOf(() => concat([]))).toMatch(/^concat: expected a non-empty array/);
  });

  it("stack: names the differing tensor", () => {
    expect(messageOf(() => stack([tensor([1, 2]), tensor([1, 2, 3])]))).toBe(
      "stack: all tensors must be float32 [2] like tensors[0], but tensors[1] is float32 [3]",
    );
  });

  it("gather: index out of range names the value, its position and the range", () => {
    const message = messageOf(() =>
      gather(tensor([1, 2, 3, 4, 5, 6], [2, 3]), tensor([0, 2, 3, 1], [2, 2], "int32"), 1),
    );
    expect(message).toBe(
      "gather: indices must lie in [0, 3) (axis 1 of x [2,3]), but indices[1,0] is 3",
    );
    expect(messageOf(() => gather(tensor([1, 2]), tensor([-1], [1], "int32")))).toBe(
      "gather: indices must lie in [0, 2) (axis 0 of x [2]), but indices[0] is -1",
    );
  });

  it("gather: float indices are rejected", () => {
    expect(messageOf(() => gather(tensor([1, 2]), tensor([0])))).toBe(
      'gather: argument "indices" must be int32, got float32',
    );
  });

  it("scatterAdd: dy shape must match shape with the axis replaced by indices", () => {
    expect(
      messageOf(() => scatterAdd(tensor([1, 2, 3]), tensor([0, 1], [2], "int32"), 0, [3])),
    ).toBe(
      "scatterAdd: dy must have shape [2] (shape [3] with axis 0 replaced by indices [2]), got [3]",
    );
  });

  it("oneHot: bad index names the value and its position; bad depth", () => {
    expect(messageOf(() => oneHot(tensor([0, 1, 2, 5], [2, 2], "int32"), 4))).toBe(
      "oneHot: indices must lie in [0, 4) (depth 4), but indices[1,1] is 5",
    );
    expect(messageOf(() => oneHot(tensor([0], [1], "int32"), 0))).toBe(
      "oneHot: depth must be a positive integer, got 0",
    );
  });

  it("slice: out of bounds names begin, size, the shape and the axis", () => {
    expect(messageOf(() => slice(tensor([1, 2, 3, 4, 5, 6], [2, 3]), [1, 2], [1, 2]))).toBe(
      "slice: begin [1,2] with size [1,2] must lie inside x of shape [2,3], but on axis 1 it spans [2, 4) of [0, 3)",
    );
    expect(messageOf(() => slice(tensor([1, 2, 3]), [4]))).toBe(
      "slice: begin [4] with size [] must lie inside x of shape [3], but on axis 0 it spans [4, 3) of [0, 3)",
    );
  });

  it("transpose: bad perm names the expected permutation, the shape and what came", () => {
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(messageOf(() => transpose(x, [0, 0]))).toBe(
      "transpose: perm must be a permutation of 0..1 for x of shape [2,3], got [0,0]",
    );
    expect(messageOf(() => transpose(x, [1, 0, 2]))).toBe(
      "transpose: perm must be a permutation of 0..1 for x of shape [2,3], got [1,0,2]",
    );
    x.dispose();
  });

  it("split and squeeze", () => {
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(messageOf(() => split(x, 2, 1))).toBe(
      "split: the number of parts must be a positive integer dividing axis 1 of x [2,3] (size 3), got 2",
    );
    expect(messageOf(() => split(x, [2, 2], 1))).toMatch(/^split: sizes must .* summing to 3/);
    expect(messageOf(() => squeeze(x, 0))).toBe(
      "squeeze: axis 0 must have size 1, but x has shape [2,3]",
    );
    x.dispose();
  });
});
