import { KERAS_GATE_ORDER, type RecurrentKind } from "./keras-gate-order.js";

/**
 * PyTorch matrix W [G·H, N] (row-major) → Keras kernel [N, G·H]: transposed, gate blocks in Keras's
 * order. kernel[i, kb·H + j] = W[pb·H + j, i] for Keras block kb holding PyTorch block pb.
 */
export function toKerasMatrix(
  values: ArrayLike<number>,
  n: number,
  hidden: number,
  kind: RecurrentKind,
): Float32Array {
  const order = KERAS_GATE_ORDER[kind];
  const width = order.length * hidden;
  const out = new Float32Array(n * width);
  order.forEach((pytorchBlock, kerasBlock) => {
    for (let j = 0; j < hidden; j++) {
      const row = (pytorchBlock * hidden + j) * n;
      for (let i = 0; i < n; i++)
        out[i * width + kerasBlock * hidden + j] = values[row + i] as number;
    }
  });
  return out;
}
