import { KERAS_GATE_ORDER, type RecurrentKind } from "./keras-gate-order.js";

/** PyTorch bias [G·H] → Keras bias [G·H]: the gate blocks reordered. */
export function toKerasVector(
  values: ArrayLike<number>,
  hidden: number,
  kind: RecurrentKind,
): Float32Array {
  const order = KERAS_GATE_ORDER[kind];
  const out = new Float32Array(order.length * hidden);
  order.forEach((pytorchBlock, kerasBlock) => {
    for (let j = 0; j < hidden; j++) {
      out[kerasBlock * hidden + j] = values[pytorchBlock * hidden + j] as number;
    }
  });
  return out;
}
