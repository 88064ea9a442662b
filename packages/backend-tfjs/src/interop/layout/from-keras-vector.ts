import { KERAS_GATE_ORDER, type RecurrentKind } from "./keras-gate-order.js";

/** Keras bias [G·H] (from `offset` in `values`) → PyTorch bias [G·H]: the inverse of `toKerasVector`. */
export function fromKerasVector(
  values: ArrayLike<number>,
  hidden: number,
  kind: RecurrentKind,
  offset = 0,
): Float64Array {
  const order = KERAS_GATE_ORDER[kind];
  const out = new Float64Array(order.length * hidden);
  order.forEach((pytorchBlock, kerasBlock) => {
    for (let j = 0; j < hidden; j++) {
      out[pytorchBlock * hidden + j] = values[offset + kerasBlock * hidden + j] as number;
    }
  });
  return out;
}
