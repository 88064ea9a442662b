import { SimpleRNNCell } from "./cells/simple-rnn-cell.js";
import { RecurrentLayer, type RecurrentLayerOptions } from "./recurrent-layer.js";

export interface SimpleRNNOptions extends RecurrentLayerOptions {
  nonlinearity?: "tanh" | "relu";
}

/** Multi-layer vanilla RNN (PyTorch's nn.RNN): h_t = tanh(W_h h_{t−1} + W_x x_t + b_h). */
export class SimpleRNN extends RecurrentLayer {
  constructor(options: SimpleRNNOptions) {
    super(
      "SimpleRNN",
      options,
      (inputSize, suffix) =>
        new SimpleRNNCell({ ...options, inputSize, suffix, name: options.name ?? "SimpleRNN" }),
    );
  }
}
