import { type Rng, reshape, slice, type Tensor } from "@rnnkit/core-tensor";
import { Dense, GRU, LSTM, Module, type RecurrentLayer, SimpleRNN } from "@rnnkit/layers-recurrent";
import type { CellType } from "../lm/char-model-config.js";

/** N→1: one prediction after reading N values. N→N: a prediction after every value. */
export type ForecastMode = "n-to-1" | "n-to-n";

/**
 * A recurrent layer over the (scaled) values and a linear output:
 *   h_t = cell(h_{t−1}, x_t),  ŷ_{t+1} = w·h_t + b
 * N→1 reads out only the last step, N→N every step.
 */
export class ForecastModel extends Module {
  readonly recurrent: RecurrentLayer;
  readonly head: Dense;

  constructor(
    readonly mode: ForecastMode,
    cell: CellType,
    hidden: number,
    rng: Rng,
  ) {
    super("ForecastModel");
    const options = { inputSize: 1, hiddenSize: hidden, rng };
    const layer =
      cell === "lstm"
        ? new LSTM(options)
        : cell === "gru"
          ? new GRU(options)
          : new SimpleRNN(options);
    this.recurrent = this.registerModule("rnn", layer);
    this.head = this.registerModule("head", new Dense({ inputSize: hidden, outputSize: 1, rng }));
  }

  /** x [B, N] → predictions [B] (N→1) or [B, N] (N→N). */
  forward(x: Tensor): Tensor {
    const [B, N] = x.shape as [number, number];
    const { output } = this.recurrent.forward(reshape(x, [B, N, 1]));
    const H = output.shape[2] as number;
    if (this.mode === "n-to-n") return reshape(this.head.forward(output), [B, N]);
    const last = reshape(slice(output, [0, N - 1, 0], [B, 1, H]), [B, H]);
    return reshape(this.head.forward(last), [B]);
  }
}
