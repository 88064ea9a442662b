import { KERAS_GATE_ORDER, type RecurrentKind } from "./keras-gate-order.js";

/** Keras kernel [N, G·H] → PyTorch matrix [G·H, N]: the inverse of `toKerasMatrix`. */
export function fromKerasMatrix(
  values: ArrayLike<number>,
  n: number,
  hidden: number,
  kind: RecurrentKind,
): Float64Array {
  const order = KERAS_GATE_ORDER[kind];
  const width = order.length * hidden;
  const out = new Float64Array(n * width);
  order.forEach((pytorchBlock, kerasBlock) => {
    for (let j = 0; j < hidden; j++) {
      const row = (pytorchBlock * hidden + j) * n;
      for (let i = 0; i < n; i++)
        out[row + i] = values[i * width + kerasBlock * hidden + j] as number;
    }
  });
  return out;
}
