import { type Rng, reshape, slice, sum, type Tensor, tidy } from "@rnnkit/core-tensor";
import {
  GRUCell,
  hiddenGradientNorms,
  LSTMCell,
  type RecurrentCell,
  SimpleRNNCell,
} from "@rnnkit/layers-recurrent";
import type { CellType } from "../lm/char-model-config.js";

/** ‖∂L/∂h_t‖ for t = 0 … T−1, for one cell. */
export interface GradientNormCurve {
  label: string;
  norms: Float64Array;
}

/**
 * The vanishing-gradient picture for a vanilla RNN, an LSTM and a GRU of the same size, each
 * reading the same input x [1, T, I] from fresh weights (PyTorch's initialization, same seed),
 * plus the trained first layer when given. The loss reads only the last step,
 * L = Σ_j h_T[j], so ‖∂L/∂h_t‖ shows how much of the signal reaches back to step t.
 */
export function gradientNormsByCell(
  x: Tensor,
  hiddenSize: number,
  rng: () => Rng,
  trained?: { cell: RecurrentCell; type: CellType },
): GradientNormCurve[] {
  const [, T, I] = x.shape as [number, number, number];
  const H = hiddenSize;
  const loss = (outputs: Tensor): Tensor =>
    sum(reshape(slice(outputs, [0, T - 1, 0], [1, 1, H]), [H]));
  const fresh: [string, () => RecurrentCell][] = [
    ["vanilla RNN", () => new SimpleRNNCell({ inputSize: I, hiddenSize: H, rng: rng() })],
    ["LSTM", () => new LSTMCell({ inputSize: I, hiddenSize: H, rng: rng() })],
    ["GRU", () => new GRUCell({ inputSize: I, hiddenSize: H, rng: rng() })],
  ];
  const curves: GradientNormCurve[] = fresh.map(([label, make]) => {
    const cell = make();
    try {
      return {
        label: `${label} (untrained)`,
        norms: tidy(() => hiddenGradientNorms(cell, x, loss)),
      };
    } finally {
      cell.dispose();
    }
  });
  if (trained !== undefined) {
    const name = { rnn: "vanilla RNN", lstm: "LSTM", gru: "GRU" }[trained.type];
    curves.push({
      label: `${name} (your trained layer 1)`,
      norms: tidy(() => hiddenGradientNorms(trained.cell, x, loss)),
    });
  }
  return curves;
}
