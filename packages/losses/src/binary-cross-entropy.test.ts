import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { grad, memory, Rng, type Tensor, tensor } from "@rnnkit/core-tensor";
import { checkGradient } from "@rnnkit/core-tensor/testing";
import { describe, expect, it } from "vitest";
import { binaryCrossEntropy } from "./binary-cross-entropy.js";

registerCpuBackend();

const B = 2;
const T = 3;
const rng = new Rng(5);
const logitValues = Array.from({ length: B * T }, () => rng.nextNormal() * 3);
const targetValues = Array.from({ length: B * T }, () => rng.next());
const maskValues = [1, 0, 1, 1, 1, 0];

// Independent float64 reference, the textbook form: −y log σ(x) − (1 − y) log(1 − σ(x)).
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const reference = (x: number, y: number) =>
  -y * Math.log(sigmoid(x)) - (1 - y) * Math.log(1 - sigmoid(x));

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

describe("binaryCrossEntropy: values", () => {
  it("hand-computed: x = 0 gives log 2 for any y; x = 2, y = 1 gives log(1 + e⁻²)", () => {
    const x = tensor([0, 0, 2], [3], "float64");
    const y = tensor([1, 0, 1], [3], "float64");
    const none = values(binaryCrossEntropy(x, y, { reduction: "none" }));
    expectAllClose(none, [Math.log(2), Math.log(2), Math.log(1 + Math.exp(-2))], 15);
    x.dispose();
    y.dispose();
  });

  it.each(["mean", "sum", "none"] as const)("reduction %s matches the reference", (reduction) => {
    const losses = logitValues.map((x, i) => reference(x, targetValues[i] as number));
    const total = losses.reduce((s, l) => s + l, 0);
    const expected =
      reduction === "none" ? losses : [reduction === "sum" ? total : total / losses.length];
    const x = tensor(logitValues, [B, T], "float64");
    const y = tensor(targetValues, [B, T], "float64");
    const out = values(binaryCrossEntropy(x, y, { reduction }));
    expectAllClose(out, expected, 12);
    x.dispose();
    y.dispose();
  });

  it("mask [B,T] averages over valid positions; int32 0/1 targets work", () => {
    const hard = targetValues.map((v) => (v > 0.5 ? 1 : 0));
    const losses = logitValues.map((x, i) => reference(x, hard[i] as number));
    const expected =
      losses.reduce((s, l, i) => s + l * (maskValues[i] as number), 0) /
      maskValues.reduce((s, m) => s + m, 0);
    const x = tensor(logitValues, [B, T], "float64");
    const y = tensor(hard, [B, T], "int32");
    const mask = tensor(maskValues, [B, T], "int32");
    expect(values(binaryCrossEntropy(x, y, { mask }))[0]).toBeCloseTo(expected, 12);
    for (const t of [x, y, mask]) t.dispose();
  });

  it.each(["float32", "float64"] as const)("is finite and exact for logits ±1000 (%s)", (dtype) => {
    const x = tensor([1000, 1000, -1000, -1000, 0], [5], dtype);
    const y = tensor([1, 0, 1, 0, 0.25], [5], dtype);
    // ℓ = max(x, 0) − x·y + log(1 + e^−|x|)
    const losses = values(binaryCrossEntropy(x, y, { reduction: "none" }));
    expect(losses.slice(0, 4)).toEqual([0, 1000, 1000, 0]);
    expect(losses[4]).toBeCloseTo(Math.log(2), dtype === "float32" ? 6 : 15);
    // dℓ/dx = σ(x) − y, exact at x = 0 too (0.5 − 0.25)
    const g = values(grad((z) => binaryCrossEntropy(z, y, { reduction: "sum" }))(x));
    expect(g).toEqual([0, 1, -1, 0, 0.25]);
    x.dispose();
    y.dispose();
  });

  it("leaks no tensor", () => {
    const x = tensor(logitValues, [B, T]);
    const y = tensor(targetValues, [B, T]);
    const mask = tensor(maskValues, [B, T]);
    const before = memory();
    binaryCrossEntropy(x, y, { mask }).dispose();
    expect(memory()).toEqual(before);
    for (const t of [x, y, mask]) t.dispose();
  });
});

describe("binaryCrossEntropy: gradients (checkGradient, float64)", () => {
  const both = [
    { values: logitValues, shape: [B, T] },
    { values: targetValues, shape: [B, T] },
  ];
  it.each([
    ["mean", {}],
    ["sum", { reduction: "sum" }],
    ["none", { reduction: "none" }],
  ] as const)("%s, with respect to logits and targets", (_, options) => {
    checkGradient((x, y) => binaryCrossEntropy(x, y as Tensor, options), both);
  });

  it("mask", () => {
    const mask = tensor(maskValues, [B, T], "float64");
    checkGradient((x, y) => binaryCrossEntropy(x, y as Tensor, { mask }), both);
    mask.dispose();
  });
});

describe("binaryCrossEntropy: errors", () => {
  it("names the function, the expected and the received shape / dtype", () => {
    const x = tensor([[1, 2]]);
    const y = tensor([1, 0]);
    const y64 = tensor([[1, 0]], undefined, "float64");
    expect(() => binaryCrossEntropy(x, y)).toThrow(
      "binaryCrossEntropy: targets must be float32 (or int32) [1,2] like logits, got float32 [2]",
    );
    expect(() => binaryCrossEntropy(x, y64)).toThrow(
      "binaryCrossEntropy: targets must be float32 (or int32) [1,2] like logits, got float64 [1,2]",
    );
    expect(() => binaryCrossEntropy(x, x, { reduction: "all" as "sum" })).toThrow(
      'binaryCrossEntropy: reduction must be "mean", "sum" or "none", got "all"',
    );
    for (const t of [x, y, y64]) t.dispose();
  });
});
