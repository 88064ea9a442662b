/** The recurrent layer kinds Keras and rnnkit share. */
export type RecurrentKind = "SimpleRNN" | "LSTM" | "GRU";

/**
 * For each Keras gate block, the PyTorch (rnnkit) block it holds. LSTM: Keras i, f, c, o = PyTorch
 * i, f, g, o (same order); GRU: Keras z, r, h ← PyTorch r, z, n.
 */
export const KERAS_GATE_ORDER: Record<RecurrentKind, readonly number[]> = {
  SimpleRNN: [0],
  LSTM: [0, 1, 2, 3],
  GRU: [1, 0, 2],
};
