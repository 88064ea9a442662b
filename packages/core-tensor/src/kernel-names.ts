/**
 * Every kernel a backend implements, with the names of its inputs and attributes.
 * An op (in `ops/`) validates its arguments and calls `runKernel(Name, inputs, attrs)`; a backend
 * registers one `KernelConfig` per name (see `registry.ts`). Composite ops (sub-graphs of these
 * kernels, such as `mean`, `stack`, `split`, `clip`) have no kernel and no gradient of their own.
 */

import type { TensorInfo } from "./backend.js";
import type { Dtype } from "./dtype.js";

type T = TensorInfo;

// ---- unary element-wise: inputs { x } ----
export const Neg = "Neg";
export const Exp = "Exp";
export const Log = "Log";
export const Sqrt = "Sqrt";
export const Abs = "Abs";
export const Sign = "Sign";
export const Tanh = "Tanh";
export const Sigmoid = "Sigmoid";
export const Relu = "Relu";
export const LeakyRelu = "LeakyRelu";
export const Cast = "Cast";
export type UnaryInputs = { x: T };
export type LeakyReluAttrs = { alpha: number };
export type CastAttrs = { dtype: Dtype };

// ---- binary element-wise with NumPy broadcasting: inputs { a, b } ----
export const Add = "Add";
export const Sub = "Sub";
export const Mul = "Mul";
export const Div = "Div";
export const Pow = "Pow";
export const Maximum = "Maximum";
export const Minimum = "Minimum";
/** Comparisons return int32 0/1. */
export const Greater = "Greater";
export const GreaterEqual = "GreaterEqual";
export const Less = "Less";
export const LessEqual = "LessEqual";
export const Equal = "Equal";
export type BinaryInputs = { a: T; b: T };

/** where(condition != 0, a, b), all three broadcast together. */
export const Where = "Where";
export type WhereInputs = { condition: T; a: T; b: T };

// ---- reductions: inputs { x }, attrs { axes (sorted, non-negative), keepDims } ----
export const Sum = "Sum";
export const Max = "Max";
export type ReduceAttrs = { axes: number[]; keepDims: boolean };
/** Index of the largest value along one axis (int32; the first one on ties). */
export const ArgMax = "ArgMax";
export type ArgMaxAttrs = { axis: number };

// ---- numerically stable softmax family along one axis ----
export const Softmax = "Softmax";
export const LogSoftmax = "LogSoftmax";
export type SoftmaxAttrs = { axis: number };
/**
 * The cross-entropy of softmax(logits) against class labels, one value per row, in one kernel:
 * loss[r] = log Σ_c exp(logits[r, c]) − logits[r, labels[r]]. inputs: logits [R, C] (float), labels
 * int32 [R] in [0, C) (checked by the op). outputs: loss [R]. Optional (OPTIONAL_KERNELS).
 */
export const SoftmaxCrossEntropy = "SoftmaxCrossEntropy";
export type SoftmaxCrossEntropyInputs = { logits: T; labels: T };
/**
 * Its gradient: dLogits[r, c] = (softmax(logits)[r, c] − [c = labels[r]])·dy[r]. inputs: logits
 * [R, C], labels [R], dy [R]. outputs: dLogits [R, C]. Optional.
 */
export const SoftmaxCrossEntropyGrad = "SoftmaxCrossEntropyGrad";
export type SoftmaxCrossEntropyGradInputs = { logits: T; labels: T; dy: T };
/**
 * One Adam step on a parameter in one kernel (PyTorch's fused Adam): with g = grad + λ·θ,
 *   m' = β1·m + (1 − β1)·g,  v' = β2·v + (1 − β2)·g·g,  θ' = θ − stepSize·m' / (√v' / c2 + ε)
 * (stepSize = lr / (1 − β1ᵗ), c2 = √(1 − β2ᵗ)). inputs: param, grad, expAvg (m), expAvgSq (v), one
 * shape, float. outputs: [param', expAvg', expAvgSq']. Optional: `adamUpdate` composes ops elsewhere.
 */
export const AdamUpdate = "AdamUpdate";
export type AdamUpdateInputs = { param: T; grad: T; expAvg: T; expAvgSq: T };
export type AdamUpdateAttrs = {
  beta1: number;
  beta2: number;
  epsilon: number;
  weightDecay: number;
  stepSize: number;
  correction2: number;
};

// ---- linear algebra ----
/**
 * Batched matrix product: a [...batch, M, K] (or [..., K, M] with transposeA) times
 * b [...batch, K, N] (or [..., N, K] with transposeB). Batch dimensions are flattened; the two
 * batch sizes must be equal or one of them 1 (broadcast).
 */
export const MatMul = "MatMul";
export type MatMulInputs = { a: T; b: T };
export type MatMulAttrs = { transposeA: boolean; transposeB: boolean };
/**
 * op(a)·op(b) + bias in one kernel: a [...batch, M, K] (its batches stacked into rows), b a matrix,
 * bias [N] added to every row of the product. inputs { a, b, bias }; attrs as MatMul. Optional
 * (OPTIONAL_KERNELS): `matMulBias` runs MatMul and Add where a backend lacks it.
 */
export const MatMulBias = "MatMulBias";
export type MatMulBiasInputs = { a: T; b: T; bias: T };

// ---- movement ----
/** Same data, new shape: backends may return the input's dataId. */
export const Reshape = "Reshape";
export type ReshapeAttrs = { shape: number[] };
export const Transpose = "Transpose";
export type TransposeAttrs = { perm: number[] };
export const Slice = "Slice";
export type SliceAttrs = { begin: number[]; size: number[] };
/** inputs { t0, t1, … } in order. */
export const Concat = "Concat";
export type ConcatAttrs = { axis: number };
/** inputs { x }; outputs: one tensor per index along `axis`, each with that axis removed. */
export const Unstack = "Unstack";
export type UnstackAttrs = { axis: number };
/** Rows of x along `axis` picked by int32 `indices` (any shape); output shape replaces that axis by indices.shape. */
export const Gather = "Gather";
export type GatherInputs = { x: T; indices: T };
export type GatherAttrs = { axis: number };
/** The gradient of Gather: dy scattered (added) back into zeros of `shape` along `axis`. */
export const ScatterAdd = "ScatterAdd";
export type ScatterAddInputs = { dy: T; indices: T };
export type ScatterAddAttrs = { axis: number; shape: number[] };
export const OneHot = "OneHot";
export type OneHotInputs = { indices: T };
export type OneHotAttrs = { depth: number; onValue: number; offValue: number; dtype: Dtype };

// ---- fused recurrent steps (forward and their own gradient kernels) ----
/**
 * One LSTM step, gate order i, f, g, o (PyTorch). inputs: xProj [B,4H] = x·W_ihᵀ + b_ih + b_hh,
 * h [B,H], c [B,H], weightHh [4H,H]. outputs: [hNew [B,H], cNew [B,H], gates [B,4H]] where
 * `gates` holds the activated i, f, g, o (saved for the gradient; not differentiable itself).
 */
export const LstmCell = "LstmCell";
export type LstmCellInputs = { xProj: T; h: T; c: T; weightHh: T };
/**
 * inputs: dh, dc (gradients of hNew, cNew), gates, c (previous), cNew, h (previous), weightHh.
 * outputs: [dXProj [B,4H], dH [B,H], dC [B,H], dWeightHh [4H,H]].
 */
export const LstmCellGrad = "LstmCellGrad";
export type LstmCellGradInputs = {
  dh: T;
  dc: T;
  gates: T;
  c: T;
  cNew: T;
  h: T;
  weightHh: T;
};
/**
 * One GRU step, gate order r, z, n (PyTorch). inputs: xProj [B,3H] = x·W_ihᵀ + b_ih, h [B,H],
 * weightHh [3H,H], biasHh [3H]. With `resetAfter` (PyTorch/cuDNN):
 *   n = tanh(xn + r∘(W_hn h + b_hn)); otherwise (the course's form):
 *   n = tanh(xn + W_hn (r∘h) + b_hn).
 * Both: h' = (1 − z)∘n + z∘h. outputs: [hNew [B,H], gates [B,4H]] holding r, z, n and the
 * recurrent part of n's pre-activation (W_hn h + b_hn, or W_hn (r∘h) + b_hn), saved for the gradient.
 */
export const GruCell = "GruCell";
export type GruCellInputs = { xProj: T; h: T; weightHh: T; biasHh: T };
export type GruCellAttrs = { resetAfter: boolean };
/** inputs: dh, gates, h, weightHh. outputs: [dXProj, dH, dWeightHh, dBiasHh]. */
export const GruCellGrad = "GruCellGrad";
export type GruCellGradInputs = { dh: T; gates: T; h: T; weightHh: T };

/**
 * A whole LSTM sequence in one kernel (cuDNN's layout of the work): T steps of LstmCell with the
 * state carried, processing t = 0 … T−1 (or T−1 … 0 with `goBackwards`).
 * inputs: xProj [B,T,4H] (x·W_ihᵀ + biases for every step), h0, c0 [B,H], weightHh [4H,H].
 * outputs: [hSeq [B,T,H] (aligned with the input positions), hN [B,H], cN [B,H],
 *   gates [T,B,4H] and cSeq [T,B,H]: the activated gates and the cell states in processing order,
 *   saved for the gradient].
 */
export const LstmSequence = "LstmSequence";
export type LstmSequenceInputs = { xProj: T; h0: T; c0: T; weightHh: T };
export type LstmSequenceAttrs = { goBackwards: boolean };
/**
 * inputs: dhSeq [B,T,H], dhN, dcN [B,H] (gradients of the three visible outputs), gates, cSeq (saved),
 * hSeq, h0, c0, weightHh. outputs: [dXProj [B,T,4H], dH0 [B,H], dC0 [B,H], dWeightHh [4H,H]] with
 * dW_hh = Σ_t dGates_tᵀ·h_{t−1} as one product over all steps.
 */
export const LstmSequenceGrad = "LstmSequenceGrad";
export type LstmSequenceGradInputs = {
  dhSeq: T;
  dhN: T;
  dcN: T;
  gates: T;
  cSeq: T;
  hSeq: T;
  h0: T;
  c0: T;
  weightHh: T;
};

/**
 * A whole GRU sequence in one kernel: T steps of GruCell with the state carried (t = 0 … T−1, or
 * T−1 … 0 with `goBackwards`). inputs: xProj [B,T,3H] (x·W_ihᵀ + b_ih), h0 [B,H], weightHh [3H,H],
 * biasHh [3H]. outputs: [hSeq [B,T,H], hN [B,H], gates [T,B,4H] (r, z, n, hn per step in processing
 * order, saved for the gradient)].
 */
export const GruSequence = "GruSequence";
export type GruSequenceInputs = { xProj: T; h0: T; weightHh: T; biasHh: T };
export type GruSequenceAttrs = { resetAfter: boolean; goBackwards: boolean };
/**
 * inputs: dhSeq [B,T,H], dhN [B,H], gates (saved), hSeq, h0, weightHh. outputs: [dXProj [B,T,3H],
 * dH0 [B,H], dWeightHh [3H,H], dBiasHh [3H]], the weight gradients as products over all steps.
 */
export const GruSequenceGrad = "GruSequenceGrad";
export type GruSequenceGradInputs = {
  dhSeq: T;
  dhN: T;
  gates: T;
  hSeq: T;
  h0: T;
  weightHh: T;
};

/** Every kernel a complete backend registers; the conformance suite checks each one. */
export const ALL_KERNELS = [
  Neg,
  Exp,
  Log,
  Sqrt,
  Abs,
  Sign,
  Tanh,
  Sigmoid,
  Relu,
  LeakyRelu,
  Cast,
  Add,
  Sub,
  Mul,
  Div,
  Pow,
  Maximum,
  Minimum,
  Greater,
  GreaterEqual,
  Less,
  LessEqual,
  Equal,
  Where,
  Sum,
  Max,
  ArgMax,
  Softmax,
  LogSoftmax,
  MatMul,
  Reshape,
  Transpose,
  Slice,
  Concat,
  Unstack,
  Gather,
  ScatterAdd,
  OneHot,
  LstmCell,
  LstmCellGrad,
  GruCell,
  GruCellGrad,
] as const;

/**
 * Kernels a backend may add for speed. The op that uses one checks whether the active backend
 * registered it and otherwise runs the same computation from kernels of ALL_KERNELS (with the same
 * results); the conformance suite runs their cases only where they are registered.
 */
export const OPTIONAL_KERNELS = [
  AdamUpdate,
  MatMulBias,
  SoftmaxCrossEntropy,
  SoftmaxCrossEntropyGrad,
  LstmSequence,
  LstmSequenceGrad,
  GruSequence,
  GruSequenceGrad,
] as const;

export type KernelName = (typeof ALL_KERNELS)[number] | (typeof OPTIONAL_KERNELS)[number];
