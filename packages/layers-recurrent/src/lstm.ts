import { LSTMCell } from "./cells/lstm-cell.js";
import { RecurrentLayer, type RecurrentLayerOptions } from "./recurrent-layer.js";

export interface LSTMOptions extends RecurrentLayerOptions {
  /** Fused kernel (default) or composite ops. */
  fused?: boolean;
  unitForgetBias?: boolean;
}

/** Multi-layer LSTM with PyTorch's options and parameter names (batch-first). */
export class LSTM extends RecurrentLayer {
  constructor(options: LSTMOptions) {
    super(
      "LSTM",
      options,
      (inputSize, suffix) =>
        new LSTMCell({ ...options, inputSize, suffix, name: options.name ?? "LSTM" }),
    );
  }
}
