import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { memory, Rng, type Tensor, tensor } from "@rnnkit/core-tensor";
import { checkGradient } from "@rnnkit/core-tensor/testing";
import { describe, expect, it } from "vitest";
import { meanSquaredError } from "./mean-squared-error.js";

registerCpuBackend();

const M = 2; // samples
const K = 3; // time steps
const F = 2; // features
const rng = new Rng(11);
const predictionValues = Array.from({ length: M * K * F }, () => rng.nextNormal());
const targetValues = Array.from({ length: M * K * F }, () => rng.nextNormal());
const maskValues = [1, 1, 0, 1, 0, 0]; // [M,K]

/** Σ over elements of (ŷ − y)² with a weight per (i, t), on plain float64 numbers. */
function referenceSquares(): number[] {
  return predictionValues.map((p, i) => (p - (targetValues[i] as number)) ** 2);
}

function values(t: Tensor): number[] {
  const out = Array.from(t.dataSync());
  t.dispose();
  return out;
}

function expectAllClose(
  actual: readonly number[],
  expected: readonly number[],
  digits: number,
): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, i) => {
    expect(x).toBeCloseTo(expected[i] as number, digits);
  });
}

const inputs = () =>
  [
    tensor(predictionValues, [M, K, F], "float64"),
    tensor(targetValues, [M, K, F], "float64"),
  ] as const;

describe("meanSquaredError: values", () => {
  it("hand-computed: [1, 2] vs [0, 0] gives mean 2.5, sum 5, none [1, 4]", () => {
    const p = tensor([1, 2]);
    const y = tensor([0, 0]);
    expect(values(meanSquaredError(p, y))).toEqual([2.5]);
    expect(values(meanSquaredError(p, y, { reduction: "sum" }))).toEqual([5]);
    expect(values(meanSquaredError(p, y, { reduction: "none" }))).toEqual([1, 4]);
    p.dispose();
    y.dispose();
  });

  it("course form, hand-computed: m = 1, k = 2, ‖ŷ − y‖² = 5 and 1 → 1/(2·1·2)·6 = 1.5", () => {
    const p = tensor([
      [
        [1, 2],
        [0, 1],
      ],
    ]);
    const y = tensor([
      [
        [0, 0],
        [0, 0],
      ],
    ]);
    expect(values(meanSquaredError(p, y, { form: "course" }))).toEqual([1.5]);
    expect(values(meanSquaredError(p, y, { form: "course", reduction: "none" }))).toEqual([
      2.5, 0.5,
    ]);
    p.dispose();
    y.dispose();
  });

  it("elementwise mean / sum / none match the float64 reference", () => {
    const squares = referenceSquares();
    const [p, y] = inputs();
    const total = squares.reduce((s, v) => s + v, 0);
    expect(values(meanSquaredError(p, y))[0]).toBeCloseTo(total / squares.length, 14);
    expect(values(meanSquaredError(p, y, { reduction: "sum" }))[0]).toBeCloseTo(total, 13);
    const none = values(meanSquaredError(p, y, { reduction: "none" }));
    expectAllClose(none, squares, 14);
    p.dispose();
    y.dispose();
  });

  it("course form matches 1/(2mk) Σ_i Σ_t ‖ŷ − y‖² and the per-step ½‖ŷ − y‖²", () => {
    const squares = referenceSquares();
    const perStep = Array.from(
      { length: M * K },
      (_, s) => 0.5 * (squares[2 * s]! + squares[2 * s + 1]!),
    );
    const [p, y] = inputs();
    expect(values(meanSquaredError(p, y, { form: "course" }))[0]).toBeCloseTo(
      squares.reduce((s, v) => s + v, 0) / (2 * M * K),
      14,
    );
    const none = meanSquaredError(p, y, { form: "course", reduction: "none" });
    expect(none.shape).toEqual([M, K]);
    expectAllClose(values(none), perStep, 14);
    p.dispose();
    y.dispose();
  });

  it("a [B,T] mask averages over valid steps only (elementwise and course)", () => {
    const squares = referenceSquares();
    const [p, y] = inputs();
    const mask = tensor(maskValues, [M, K], "int32");
    const valid = maskValues.reduce((s, v) => s + v, 0);
    const maskedTotal = squares.reduce((s, v, i) => s + v * maskValues[Math.floor(i / F)]!, 0);
    // elementwise: over the valid steps' elements, Σ mask·(ŷ − y)² / (Σ mask · F)
    expect(values(meanSquaredError(p, y, { mask }))[0]).toBeCloseTo(maskedTotal / (valid * F), 14);
    // course: Σ mask·½‖ŷ − y‖² / Σ mask
    expect(values(meanSquaredError(p, y, { mask, form: "course" }))[0]).toBeCloseTo(
      maskedTotal / (2 * valid),
      14,
    );
    const none = values(meanSquaredError(p, y, { mask, reduction: "none" }));
    expectAllClose(
      none,
      squares.map((v, i) => v * maskValues[Math.floor(i / F)]!),
      14,
    );
    for (const t of [p, y, mask]) t.dispose();
  });

  it("leaks no tensor", () => {
    const [p, y] = inputs();
    const mask = tensor(maskValues, [M, K]);
    const before = memory();
    meanSquaredError(p, y, { mask, form: "course" }).dispose();
    meanSquaredError(p, y, { reduction: "none" }).dispose();
    expect(memory()).toEqual(before);
    for (const t of [p, y, mask]) t.dispose();
  });
});

describe("meanSquaredError: gradients (checkGradient, float64)", () => {
  const both = [
    { values: predictionValues, shape: [M, K, F] },
    { values: targetValues, shape: [M, K, F] },
  ];
  it.each([
    ["mean", {}],
    ["sum", { reduction: "sum" }],
    ["none", { reduction: "none" }],
    ["course", { form: "course" }],
    ["course, none", { form: "course", reduction: "none" }],
  ] as const)("%s", (_, options) => {
    checkGradient((p, y) => meanSquaredError(p, y as Tensor, options), both);
  });

  it("mask, elementwise and course", () => {
    const mask = tensor(maskValues, [M, K], "float64");
    checkGradient((p, y) => meanSquaredError(p, y as Tensor, { mask }), both);
    checkGradient((p, y) => meanSquaredError(p, y as Tensor, { mask, form: "course" }), both);
    mask.dispose();
  });
});

describe("meanSquaredError: errors", () => {
  it("names the function and both shapes / dtypes", () => {
    const p = tensor([[1, 2, 3]]);
    const y = tensor([1, 2, 3]);
    const y64 = tensor([[1, 2, 3]], undefined, "float64");
    expect(() => meanSquaredError(p, y)).toThrow(
      "meanSquaredError: targets must match predictions (float32 [1,3]), got float32 [3]",
    );
    expect(() => meanSquaredError(p, y64)).toThrow(
      "meanSquaredError: targets must match predictions (float32 [1,3]), got float64 [1,3]",
    );
    expect(() => meanSquaredError(y, y, { form: "course" })).toThrow(
      "meanSquaredError: the course form needs predictions [m, k, …features], got [3]",
    );
    const mask = tensor([1, 1], [2]);
    expect(() => meanSquaredError(p, p, { mask })).toThrow(
      "meanSquaredError: mask must match the leading dimensions of predictions [1,3], got [2]",
    );
    expect(() => meanSquaredError(p, p, { mask: [1, 1, 1] as unknown as Tensor })).toThrow(
      "meanSquaredError: mask must be a live Tensor",
    );
    expect(() => meanSquaredError(p, p, { form: "linear" as "course" })).toThrow(
      'meanSquaredError: form must be "elementwise" or "course", got "linear"',
    );
    for (const t of [p, y, y64, mask]) t.dispose();
  });
});
