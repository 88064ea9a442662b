import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { grad, memory, Rng, type Tensor, tensor } from "@rnnkit/core-tensor";
import { checkGradient } from "@rnnkit/core-tensor/testing";
import { describe, expect, it } from "vitest";
import { crossEntropy } from "./cross-entropy.js";

registerCpuBackend();

const B = 2;
const T = 3;
const C = 4;
const rng = new Rng(7);
const logitValues = Array.from({ length: B * T * C }, () => rng.nextNormal() * 2);
const classValues = [3, 0, 2, 1, 1, 0]; // [B,T]
const maskValues = [1, 1, 0, 1, 0, 1]; // [B,T]
const probabilityValues = Array.from({ length: B * T }, () => {
  const raw = Array.from({ length: C }, () => rng.next() + 0.1);
  const total = raw.reduce((s, x) => s + x, 0);
  return raw.map((x) => x / total);
}).flat();

// Independent float64 reference: ℓ = −Σ_c q_c (z_c − log Σ_k e^{z_k}), naive log-sum-exp
// (fine for these moderate logits), PyTorch's smoothing q = (1 − ε)·target + ε/C.
function referenceLosses(
  logits: readonly number[],
  targetRow: (position: number) => number[],
  positions: number,
  classes: number,
): number[] {
  const out: number[] = [];
  for (let p = 0; p < positions; p++) {
    const z = logits.slice(p * classes, (p + 1) * classes);
    const logSum = Math.log(z.reduce((s, v) => s + Math.exp(v), 0));
    const q = targetRow(p);
    out.push(-z.reduce((s, v, c) => s + (q[c] as number) * (v - logSum), 0));
  }
  return out;
}
const oneHotRow = (k: number, smoothing = 0): number[] =>
  Array.from({ length: C }, (_, c) => (c === k ? 1 - smoothing : 0) + smoothing / C);

function weightedMean(losses: number[], weights: number[]): number {
  const total = losses.reduce((s, l, i) => s + l * (weights[i] as number), 0);
  return total / weights.reduce((s, w) => s + w, 0);
}

function values(t: Tensor): number[] {
  const out = Array.from(t.dataSync());
  t.dispose();
  return out;
}

function expectAllClose(actual: number[], expected: number[], digits = 12): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, i) => {
    expect(x).toBeCloseTo(expected[i] as number, digits);
  });
}

describe("crossEntropy: values", () => {
  const logits64 = () => tensor(logitValues, [B, T, C], "float64");
  const classes = () => tensor(classValues, [B, T], "int32");

  it("hand-computed: uniform logits give log C; [1,2,3] with class 2 gives log(1 + e⁻¹ + e⁻²)", () => {
    const uniform = tensor([[0, 0]], undefined, "float64");
    const one = tensor([1], [1], "int32");
    expect(values(crossEntropy(uniform, one))[0]).toBeCloseTo(Math.log(2), 14);
    const z = tensor([[1, 2, 3]], undefined, "float64");
    const two = tensor([2], [1], "int32");
    // −log softmax_2 = −3 + log(e + e² + e³) = log(1 + e⁻¹ + e⁻²)
    expect(values(crossEntropy(z, two))[0]).toBeCloseTo(0.40760596444438, 13);
    for (const t of [uniform, one, z, two]) t.dispose();
  });

  it.each(["mean", "sum", "none"] as const)(
    "class indices, reduction %s, match the float64 reference",
    (reduction) => {
      const losses = referenceLosses(
        logitValues,
        (p) => oneHotRow(classValues[p] as number),
        B * T,
        C,
      );
      const expected =
        reduction === "none"
          ? losses
          : reduction === "sum"
            ? [losses.reduce((s, l) => s + l, 0)]
            : [losses.reduce((s, l) => s + l, 0) / losses.length];
      const [z, y] = [logits64(), classes()];
      const out = crossEntropy(z, y, { reduction });
      expect(out.shape).toEqual(reduction === "none" ? [B, T] : []);
      expectAllClose(values(out), expected);
      z.dispose();
      y.dispose();
    },
  );

  it("ignoreIndex: ignored positions get 0 and the mean is over the others (index -100 and 0)", () => {
    const losses = referenceLosses(
      logitValues,
      (p) => oneHotRow(classValues[p] as number),
      B * T,
      C,
    );
    for (const ignoreIndex of [-100, 0]) {
      const targetValues = classValues.map((k, i) => (i === 2 || i === 4 ? ignoreIndex : k));
      const valid = targetValues.map((k) => (k === ignoreIndex ? 0 : 1));
      const z = logits64();
      const y = tensor(targetValues, [B, T], "int32");
      expect(values(crossEntropy(z, y, { ignoreIndex }))[0]).toBeCloseTo(
        weightedMean(losses, valid),
        12,
      );
      expectAllClose(
        values(crossEntropy(z, y, { ignoreIndex, reduction: "none" })),
        losses.map((l, i) => l * (valid[i] as number)),
      );
      z.dispose();
      y.dispose();
    }
  });

  it("labelSmoothing ε matches PyTorch's (1 − ε)·nll + ε·mean_c(−log p_c)", () => {
    const epsilon = 0.1;
    const nll = referenceLosses(logitValues, (p) => oneHotRow(classValues[p] as number), B * T, C);
    const uniform = referenceLosses(logitValues, () => new Array(C).fill(1 / C), B * T, C);
    const expected = nll.map((l, i) => (1 - epsilon) * l + epsilon * (uniform[i] as number));
    const [z, y] = [logits64(), classes()];
    expectAllClose(
      values(crossEntropy(z, y, { labelSmoothing: epsilon, reduction: "none" })),
      expected,
    );
    z.dispose();
    y.dispose();
  });

  it("probability targets (with and without smoothing) match the reference", () => {
    const row = (p: number) => probabilityValues.slice(p * C, (p + 1) * C);
    const z = logits64();
    const q = tensor(probabilityValues, [B, T, C], "float64");
    const plain = referenceLosses(logitValues, row, B * T, C);
    expectAllClose(values(crossEntropy(z, q, { reduction: "none" })), plain);
    const smoothed = referenceLosses(
      logitValues,
      (p) => row(p).map((v) => 0.8 * v + 0.2 / C),
      B * T,
      C,
    );
    expect(values(crossEntropy(z, q, { labelSmoothing: 0.2 }))[0]).toBeCloseTo(
      smoothed.reduce((s, l) => s + l, 0) / smoothed.length,
      12,
    );
    z.dispose();
    q.dispose();
  });

  it("mask [B,T]: the mean is over valid steps only; mask and ignoreIndex combine", () => {
    const losses = referenceLosses(
      logitValues,
      (p) => oneHotRow(classValues[p] as number),
      B * T,
      C,
    );
    const z = logits64();
    const y = classes();
    const mask = tensor(maskValues, [B, T], "int32");
    expect(values(crossEntropy(z, y, { mask }))[0]).toBeCloseTo(
      weightedMean(losses, maskValues),
      12,
    );
    expect(values(crossEntropy(z, y, { mask, reduction: "sum" }))[0]).toBeCloseTo(
      losses.reduce((s, l, i) => s + l * (maskValues[i] as number), 0),
      12,
    );
    const ignored = tensor(
      classValues.map((k, i) => (i === 0 ? -1 : k)),
      [B, T],
      "int32",
    );
    const both = maskValues.map((m, i) => (i === 0 ? 0 : m));
    expect(values(crossEntropy(z, ignored, { mask, ignoreIndex: -1 }))[0]).toBeCloseTo(
      weightedMean(losses, both),
      12,
    );
    for (const t of [z, y, mask, ignored]) t.dispose();
  });

  it("float32 logits give the float64 value to float32 precision", () => {
    const losses = referenceLosses(
      logitValues,
      (p) => oneHotRow(classValues[p] as number),
      B * T,
      C,
    );
    const z = tensor(logitValues, [B, T, C], "float32");
    const y = classes();
    const out = crossEntropy(z, y);
    expect(out.dtype).toBe("float32");
    expect(values(out)[0]).toBeCloseTo(losses.reduce((s, l) => s + l, 0) / losses.length, 5);
    z.dispose();
    y.dispose();
  });

  it.each(["float32", "float64"] as const)(
    "is finite and exact for logits ±1000 (%s), and so is its gradient",
    (dtype) => {
      const z = tensor(
        [
          [1000, -1000, 0],
          [-1000, 1000, 1000],
        ],
        undefined,
        dtype,
      );
      // row 0: log-sum-exp = 1000 → ℓ(class 0) = 0, ℓ(class 1) = 2000, ℓ(class 2) = 1000
      // row 1: log-sum-exp = 1000 + log 2 → ℓ(class 1) = log 2, ℓ(class 0) = 2000 + log 2
      for (const [row0, row1, expected] of [
        [0, 1, [0, Math.log(2)]],
        [1, 0, [2000, 2000 + Math.log(2)]],
        [2, 2, [1000, Math.log(2)]],
      ] as const) {
        const y = tensor([row0, row1], [2], "int32");
        const losses = values(crossEntropy(z, y, { reduction: "none" }));
        expect(losses.every(Number.isFinite)).toBe(true);
        expectAllClose(losses, [...expected], dtype === "float32" ? 3 : 9);
        const g = values(grad((x) => crossEntropy(x, y, { reduction: "sum" }))(z));
        // ∂ℓ/∂z = softmax(z) − onehot(y)
        const softmax = [1, 0, 0, 0, 0.5, 0.5];
        const target = [0, 0, 0, 0, 0, 0];
        target[row0] = 1;
        target[3 + row1] = 1;
        expectAllClose(
          g,
          softmax.map((s, i) => s - (target[i] as number)),
          6,
        );
        y.dispose();
      }
      z.dispose();
    },
  );

  it("leaks no tensor", () => {
    const z = logits64();
    const y = classes();
    const mask = tensor(maskValues, [B, T]);
    const q = tensor(probabilityValues, [B, T, C], "float64");
    const before = memory();
    crossEntropy(z, y, { mask, ignoreIndex: 0, labelSmoothing: 0.1 }).dispose();
    crossEntropy(z, q, { reduction: "none", labelSmoothing: 0.1 }).dispose();
    expect(memory()).toEqual(before);
    for (const t of [z, y, mask, q]) t.dispose();
  });
});

describe("crossEntropy: gradients (checkGradient, float64)", () => {
  const logits = { values: logitValues, shape: [B, T, C] };
  const cases: [string, Parameters<typeof crossEntropy>[2]][] = [
    ["mean", {}],
    ["sum", { reduction: "sum" }],
    ["none", { reduction: "none" }],
    ["ignoreIndex", { ignoreIndex: 1 }],
    ["labelSmoothing", { labelSmoothing: 0.15 }],
    [
      "ignoreIndex + labelSmoothing, sum",
      { ignoreIndex: 0, labelSmoothing: 0.3, reduction: "sum" },
    ],
  ];
  it.each(cases)("class indices, %s", (_, options) => {
    const y = tensor(classValues, [B, T], "int32");
    checkGradient((z) => crossEntropy(z, y, options), [logits]);
    y.dispose();
  });

  it("mask [B,T] (float mask), with ignoreIndex", () => {
    const y = tensor(classValues, [B, T], "int32");
    const mask = tensor(maskValues, [B, T], "float64");
    checkGradient((z) => crossEntropy(z, y, { mask }), [logits]);
    checkGradient((z) => crossEntropy(z, y, { mask, ignoreIndex: 2, reduction: "none" }), [logits]);
    y.dispose();
    mask.dispose();
  });

  it("probability targets: with respect to logits and targets, with smoothing and mask", () => {
    const mask = tensor(maskValues, [B, T], "float64");
    const targets = { values: probabilityValues, shape: [B, T, C] };
    checkGradient((z, q) => crossEntropy(z, q as Tensor), [logits, targets]);
    checkGradient(
      (z, q) => crossEntropy(z, q as Tensor, { labelSmoothing: 0.1, mask }),
      [logits, targets],
    );
    mask.dispose();
  });
});

describe("crossEntropy: errors", () => {
  it("names the function, the expected and the received shapes and dtypes", () => {
    const z = tensor(logitValues, [B, T, C]);
    const wrongShape = tensor([1, 2, 3], [3], "int32");
    const wrongDtype = tensor(probabilityValues, [B, T, C], "float64");
    expect(() => crossEntropy(z, wrongShape)).toThrow(
      "crossEntropy: targets must be int32 class indices [2,3] or float32 probabilities [2,3,4] for logits float32 [2,3,4], got int32 [3]",
    );
    expect(() => crossEntropy(z, wrongDtype)).toThrow(
      "crossEntropy: targets must be int32 class indices [2,3] or float32 probabilities [2,3,4] for logits float32 [2,3,4], got float64 [2,3,4]",
    );
    const intLogits = tensor([1, 2], [1, 2], "int32");
    expect(() => crossEntropy(intLogits, tensor([0], [1], "int32"))).toThrow(
      "crossEntropy: logits must be float32 or float64, got int32 [1,2]",
    );
    const mask = tensor([1, 1, 1], [3, 1]);
    expect(() => crossEntropy(z, tensor(classValues, [B, T], "int32"), { mask })).toThrow(
      "crossEntropy: mask must match the leading dimensions of logits without the class axis [2,3], got [3,1]",
    );
    for (const t of [z, wrongShape, wrongDtype, intLogits, mask]) t.dispose();
  });

  it("a class index ≥ C or < 0 names the value and its position", () => {
    const z = tensor(logitValues, [B, T, C]);
    const tooBig = tensor([0, 1, 2, 3, 4, 0], [B, T], "int32");
    expect(() => crossEntropy(z, tooBig)).toThrow(
      "crossEntropy: targets[1,1] is 4, expected a class index in [0, 4)",
    );
    const negative = tensor([0, -1, 2, 3, -100, 0], [B, T], "int32");
    expect(() => crossEntropy(z, negative, { ignoreIndex: -100 })).toThrow(
      "crossEntropy: targets[0,1] is -1, expected a class index in [0, 4) or ignoreIndex -100",
    );
    for (const t of [z, tooBig, negative]) t.dispose();
  });

  it("checks the options", () => {
    const z = tensor([[0, 1]]);
    const y = tensor([1], [1], "int32");
    expect(() => crossEntropy(z, y, { labelSmoothing: 1.5 })).toThrow(
      "crossEntropy: labelSmoothing must be in [0, 1], got 1.5",
    );
    expect(() => crossEntropy(z, y, { reduction: "avg" as "mean" })).toThrow(
      'crossEntropy: reduction must be "mean", "sum" or "none", got "avg"',
    );
    expect(() => crossEntropy(z, y, { ignoreIndex: 0.5 })).toThrow(
      "crossEntropy: ignoreIndex must be an integer, got 0.5",
    );
    z.dispose();
    y.dispose();
  });
});
