import { describe, expect, it } from "vitest";
import {
  broadcastShapes,
  normalizeAxes,
  normalizeAxis,
  reducedShape,
  sameShape,
  sizeFromShape,
  stridesOf,
} from "./shape.js";

describe("shape: sizes and strides", () => {
  it("sizeFromShape multiplies the dimensions (1 for a scalar)", () => {
    expect(sizeFromShape([])).toBe(1);
    expect(sizeFromShape([3])).toBe(3);
    expect(sizeFromShape([2, 3, 4])).toBe(24);
    expect(sizeFromShape([2, 0, 4])).toBe(0);
  });

  it("stridesOf gives row-major strides", () => {
    expect(stridesOf([])).toEqual([]);
    expect(stridesOf([5])).toEqual([1]);
    expect(stridesOf([2, 3, 4])).toEqual([12, 4, 1]);
    expect(stridesOf([4, 1, 3])).toEqual([3, 3, 1]);
  });

  it("sameShape compares rank and every dimension", () => {
    expect(sameShape([2, 3], [2, 3])).toBe(true);
    expect(sameShape([], [])).toBe(true);
    expect(sameShape([2, 3], [3, 2])).toBe(false);
    expect(sameShape([2, 3], [2, 3, 1])).toBe(false);
    expect(sameShape([1], [])).toBe(false);
  });
});

describe("shape: broadcastShapes", () => {
  it("follows NumPy rules", () => {
    expect(broadcastShapes("add", [2, 3], [2, 3])).toEqual([2, 3]);
    expect(broadcastShapes("add", [2, 3], [3])).toEqual([2, 3]);
    expect(broadcastShapes("add", [3], [2, 3])).toEqual([2, 3]);
    expect(broadcastShapes("add", [2, 1], [1, 3])).toEqual([2, 3]);
    expect(broadcastShapes("add", [], [4, 5])).toEqual([4, 5]);
    expect(broadcastShapes("add", [5, 1, 4], [3, 1])).toEqual([5, 3, 4]);
    expect(broadcastShapes("add", [2, 0], [1])).toEqual([2, 0]);
  });

  it("throws naming the op and both shapes", () => {
    expect(() => broadcastShapes("mul", [2, 3], [4])).toThrow(
      "mul: shapes cannot be broadcast: a is [2,3], b is [4]",
    );
    expect(() => broadcastShapes("add", [2, 3], [3, 3])).toThrow(/^add: /);
  });
});

describe("shape: axes", () => {
  it("normalizeAxis maps negative axes into [0, rank)", () => {
    expect(normalizeAxis("sum", 0, 3)).toBe(0);
    expect(normalizeAxis("sum", 2, 3)).toBe(2);
    expect(normalizeAxis("sum", -1, 3)).toBe(2);
    expect(normalizeAxis("sum", -3, 3)).toBe(0);
  });

  it("normalizeAxis rejects out-of-range and non-integer axes, naming the op", () => {
    expect(() => normalizeAxis("sum", 3, 3)).toThrow(
      "sum: axis 3 is out of range for a tensor of rank 3",
    );
    expect(() => normalizeAxis("sum", -4, 3)).toThrow(/^sum: axis -4 is out of range/);
    expect(() => normalizeAxis("softmax", 0.5, 2)).toThrow(/^softmax: axis 0.5/);
  });

  it("normalizeAxes sorts, normalizes, and defaults to all axes", () => {
    expect(normalizeAxes("sum", undefined, 3)).toEqual([0, 1, 2]);
    expect(normalizeAxes("sum", undefined, 0)).toEqual([]);
    expect(normalizeAxes("sum", -1, 3)).toEqual([2]);
    expect(normalizeAxes("sum", [2, 0], 3)).toEqual([0, 2]);
    expect(normalizeAxes("sum", [-1, 0], 2)).toEqual([0, 1]);
    expect(normalizeAxes("sum", [], 2)).toEqual([]);
  });

  it("normalizeAxes rejects repeated axes, also when written differently", () => {
    expect(() => normalizeAxes("sum", [1, 1], 3)).toThrow(/^sum: axes \[1,1\] repeat an axis/);
    expect(() => normalizeAxes("sum", [2, -1], 3)).toThrow(/^sum: axes \[2,-1\] repeat an axis/);
    expect(() => normalizeAxes("max", [0, 5], 3)).toThrow(/^max: axis 5 is out of range/);
  });

  it("reducedShape drops or keeps reduced axes", () => {
    expect(reducedShape([2, 3, 4], [1], false)).toEqual([2, 4]);
    expect(reducedShape([2, 3, 4], [1], true)).toEqual([2, 1, 4]);
    expect(reducedShape([2, 3, 4], [0, 2], false)).toEqual([3]);
    expect(reducedShape([2, 3, 4], [0, 1, 2], false)).toEqual([]);
    expect(reducedShape([2, 3, 4], [0, 1, 2], true)).toEqual([1, 1, 1]);
    expect(reducedShape([2, 3], [], false)).toEqual([2, 3]);
  });
});
