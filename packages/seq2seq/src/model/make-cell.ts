import { type Dtype, type Rng, RnnkitError } from "@rnnkit/core-tensor";
import { GRUCell, LSTMCell, type RecurrentCell, SimpleRNNCell } from "@rnnkit/layers-recurrent";
import type { CellType } from "./cell-type.js";

/** One cell of the given type, with PyTorch's parameter names plus `suffix` (`_l0`, …). */
export function makeCell(
  where: string,
  type: CellType,
  options: { inputSize: number; hiddenSize: number; suffix: string; dtype?: Dtype; rng?: Rng },
): RecurrentCell {
  switch (type) {
    case "lstm":
      return new LSTMCell(options);
    case "gru":
      return new GRUCell(options);
    case "rnn":
      return new SimpleRNNCell(options);
    default:
      throw new RnnkitError(where, `cell must be "lstm", "gru" or "rnn", got ${String(type)}`);
  }
}
