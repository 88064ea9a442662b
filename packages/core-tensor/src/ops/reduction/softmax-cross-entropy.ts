import { runKernel } from "../../engine.js";
import { RnnkitError, shapeToString } from "../../errors.js";
import {
  SoftmaxCrossEntropy,
  SoftmaxCrossEntropyGrad,
  type SoftmaxCrossEntropyGradInputs,
  type SoftmaxCrossEntropyInputs,
} from "../../kernel-names.js";
import { type GradConfig, getBackendName, getKernel } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { assertFloat, assertTensor } from "../../util/to-tensor.js";
import { mul } from "../elementwise/mul.js";
import { neg } from "../elementwise/neg.js";
import { sub } from "../elementwise/sub.js";
import { checkIndices } from "../movement/check-indices.js";
import { oneHot } from "../movement/one-hot.js";
import { reshape } from "../movement/reshape.js";
import { logSoftmax } from "./log-softmax.js";
import { softmax } from "./softmax.js";
import { sum } from "./sum.js";

/**
 * The cross-entropy of softmax(logits) against class labels at every position (PyTorch's
 * `F.cross_entropy(..., reduction="none")`, tfjs's `softmaxCrossEntropy` with index labels):
 *   ℓ = −log softmax(x)[y] = log Σ_c exp(x_c) − x_y
 * In one kernel where the backend has the optional `SoftmaxCrossEntropy` (its gradient
 * (softmax(x) − onehot(y))·dℓ likewise), else log-softmax, one-hot and a sum, with the same results.
 * @param logits float [..., C]; labels int32 [...] (the positions), each in [0, C).
 * @returns the loss at every position, [...].
 * @example softmaxCrossEntropy(tensor([[0, Math.log(3)]]), tensor([1], [1], "int32")) // [−log 0.75]
 */
export function softmaxCrossEntropy(logits: Tensor, labels: Tensor): Tensor {
  const op = "softmaxCrossEntropy";
  assertTensor(op, "logits", logits);
  assertTensor(op, "labels", labels);
  assertFloat(op, "logits", logits);
  if (logits.rank === 0) throw new RnnkitError(op, "logits must be [..., C], got a scalar");
  const classes = logits.shape[logits.rank - 1] as number;
  const positions = logits.shape.slice(0, -1);
  if (
    labels.rank !== positions.length ||
    labels.shape.some((d, i) => d !== positions[i]) ||
    labels.dtype !== "int32"
  ) {
    throw new RnnkitError(
      op,
      `labels must be int32 ${shapeToString(positions)} for logits ${shapeToString(logits.shape)}, got ${labels.dtype} ${shapeToString(labels.shape)}`,
    );
  }
  checkIndices(op, labels, classes, "the classes of the last axis of logits");
  const rows = positions.reduce((a, b) => a * b, 1);
  if (getKernel(SoftmaxCrossEntropy, getBackendName()) === undefined || rows === 0) {
    // ℓ = −Σ_c onehot(y)_c · log softmax(x)_c
    return neg(sum(mul(oneHot(labels, classes, { dtype: logits.dtype }), logSoftmax(logits)), -1));
  }
  const inputs = {
    logits: reshape(logits, [rows, classes]),
    labels: reshape(labels, [rows]),
  } satisfies SoftmaxCrossEntropyInputs;
  return reshape(runKernel(SoftmaxCrossEntropy, inputs) as Tensor, positions);
}

/** dLogits = (softmax(logits) − onehot(labels))·dy, one kernel where the backend has it. */
export const softmaxCrossEntropyGradConfig: GradConfig = {
  kernelName: SoftmaxCrossEntropy,
  gradFunc: (dy, { inputs }) => ({
    logits: () => {
      const logits = inputs.logits as Tensor;
      const labels = inputs.labels as Tensor;
      if (getKernel(SoftmaxCrossEntropyGrad, getBackendName()) !== undefined) {
        return runKernel(SoftmaxCrossEntropyGrad, {
          logits,
          labels,
          dy,
        } satisfies SoftmaxCrossEntropyGradInputs) as Tensor;
      }
      const classes = logits.shape[1] as number;
      const target = oneHot(labels, classes, { dtype: logits.dtype });
      return mul(sub(softmax(logits), target), reshape(dy, [-1, 1]));
    },
  }),
};
