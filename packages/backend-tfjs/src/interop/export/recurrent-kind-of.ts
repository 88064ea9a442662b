import { RnnkitError } from "@rnnkit/core-tensor";
import { GRUCell, LSTMCell, type RecurrentCell, SimpleRNNCell } from "@rnnkit/layers-recurrent";
import type { RecurrentKind } from "../layout/keras-gate-order.js";

/** The Keras layer class of a cell. */
export function recurrentKindOf(cell: RecurrentCell): RecurrentKind {
  if (cell instanceof LSTMCell) return "LSTM";
  if (cell instanceof GRUCell) return "GRU";
  if (cell instanceof SimpleRNNCell) return "SimpleRNN";
  throw new RnnkitError(
    "exportKerasModel",
    `${cell.name} is not a SimpleRNNCell, LSTMCell or GRUCell (Keras has no layer for it)`,
  );
}
