import {
  add,
  type Dtype,
  getBackendName,
  getKernel,
  kernels,
  logSoftmax,
  mul,
  neg,
  oneHot,
  RnnkitError,
  shapeToString,
  softmaxCrossEntropy,
  sum,
  Tensor,
  tensor,
  tidy,
} from "@rnnkit/core-tensor";
import { checkFloatTensor } from "./check-float-tensor.js";
import { maskWeights } from "./mask-weights.js";
import { reduceLoss } from "./reduce-loss.js";
import { checkReduction, type Reduction } from "./reduction.js";

export interface CrossEntropyOptions {
  /**
   * "mean" (default): Σ w·ℓ / Σ w over the counted positions (per-time-step losses averaged over
   * time and batch); "sum": Σ w·ℓ; "none": w·ℓ per position (shape = logits without the last axis).
   */
  reduction?: Reduction;
  /** Positions whose class-index target equals this do not count (PyTorch: ignore_index). */
  ignoreIndex?: number;
  /** ε in [0, 1]: targets become (1 − ε)·target + ε/C, as PyTorch's label_smoothing. */
  labelSmoothing?: number;
  /** [B,T] (the leading dimensions of logits without the class axis): 1 = counts, 0 = padding. */
  mask?: Tensor;
}

const WHERE = "crossEntropy";

/**
 * Softmax cross-entropy from logits [..., C], composed from ops (autograd gives the gradient):
 *   log p = logSoftmax(logits)     (log-sum-exp, finite for any finite logits)
 *   ℓ     = −Σ_c q_c · log p_c,    q = (1 − ε)·target + ε/C
 * `targets` are int32 class indices of shape logits.shape[:-1] (target = one-hot), or float
 * probabilities of logits' shape. An index outside [0, C) (other than ignoreIndex) is an error.
 * @example crossEntropy(tensor([[0, 0]]), tensor([1], [1], "int32")) // log 2
 */
export function crossEntropy(
  logits: Tensor,
  targets: Tensor,
  options: CrossEntropyOptions = {},
): Tensor {
  checkFloatTensor(WHERE, "logits", logits);
  if (logits.rank === 0) throw new RnnkitError(WHERE, "logits must be [..., C], got a scalar");
  const reduction = checkReduction(WHERE, options.reduction);
  const smoothing = options.labelSmoothing ?? 0;
  if (typeof smoothing !== "number" || !(smoothing >= 0 && smoothing <= 1)) {
    throw new RnnkitError(WHERE, `labelSmoothing must be in [0, 1], got ${String(smoothing)}`);
  }
  const { ignoreIndex } = options;
  if (ignoreIndex !== undefined && !Number.isInteger(ignoreIndex)) {
    throw new RnnkitError(WHERE, `ignoreIndex must be an integer, got ${String(ignoreIndex)}`);
  }
  const classes = logits.shape[logits.rank - 1] as number;
  const positions = logits.shape.slice(0, -1);
  const dtype: Dtype = logits.dtype;
  if (!(targets instanceof Tensor)) {
    throw new RnnkitError(
      WHERE,
      `targets must be a Tensor, got ${targets === null ? "null" : typeof targets}`,
    );
  }
  const indexTargets = targets.dtype === "int32" && sameShape(targets.shape, positions);
  const probabilityTargets = targets.dtype === dtype && sameShape(targets.shape, logits.shape);
  if (targets.isDisposed || !(indexTargets || probabilityTargets)) {
    throw new RnnkitError(
      WHERE,
      `targets must be int32 class indices ${shapeToString(positions)} or ${dtype} probabilities ${shapeToString(logits.shape)} for logits ${dtype} ${shapeToString(logits.shape)}, got ${targets.dtype} ${shapeToString(targets.shape)}${targets.isDisposed ? " (disposed)" : ""}`,
    );
  }
  // Index targets are read on the host: to check them, and to zero the ignored positions.
  const checked = indexTargets ? checkIndices(targets, positions, classes, ignoreIndex) : undefined;
  // class indices without smoothing, where the backend has the fused kernel: ℓ = −log p_y in one
  // kernel (and its gradient, softmax − onehot, in one more)
  const fused =
    smoothing === 0 && getKernel(kernels.SoftmaxCrossEntropy, getBackendName()) !== undefined
      ? checked
      : undefined;
  return tidy(() => {
    let loss: Tensor;
    if (fused !== undefined) {
      loss = softmaxCrossEntropy(logits, tensor(fused.safe, positions, "int32"));
    } else {
      const logProbabilities = logSoftmax(logits, -1);
      // q = (1 − ε)·target + ε/C
      const q =
        checked === undefined
          ? smoothing === 0
            ? targets
            : add(mul(targets, 1 - smoothing), smoothing / classes)
          : oneHot(tensor(checked.safe, positions, "int32"), classes, {
              onValue: 1 - smoothing + smoothing / classes,
              offValue: smoothing / classes,
              dtype,
            });
      loss = neg(sum(mul(q, logProbabilities), -1)); // ℓ = −Σ_c q_c log p_c
    }
    let weights: Tensor | undefined;
    if (checked?.valid !== undefined) weights = tensor(checked.valid, positions, dtype);
    if (options.mask !== undefined) {
      const m = maskWeights(WHERE, options.mask, positions, dtype, "logits without the class axis");
      weights = weights === undefined ? m : mul(weights, m);
    }
    return reduceLoss(loss, weights, reduction);
  });
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Checks every class index; returns them with ignored positions set to 0 (`safe`) and, when
 * ignoreIndex is set, 1/0 validity per position (`valid`).
 */
function checkIndices(
  targets: Tensor,
  positions: readonly number[],
  classes: number,
  ignoreIndex: number | undefined,
): { safe: Int32Array; valid: Float64Array | undefined } {
  const values = targets.dataSync() as Int32Array;
  const safe = new Int32Array(values.length);
  const valid = ignoreIndex === undefined ? undefined : new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v === ignoreIndex) continue;
    if (v < 0 || v >= classes) {
      throw new RnnkitError(
        WHERE,
        `targets${positionOf(i, positions)} is ${v}, expected a class index in [0, ${classes})${ignoreIndex === undefined ? "" : ` or ignoreIndex ${ignoreIndex}`}`,
      );
    }
    safe[i] = v;
    if (valid !== undefined) valid[i] = 1;
  }
  return { safe, valid };
}

/** Flat index → "[b,t]" in `shape`. */
function positionOf(flat: number, shape: readonly number[]): string {
  const index: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d] as number;
    index.unshift(flat % size);
    flat = Math.floor(flat / size);
  }
  return `[${index.join(",")}]`;
}
