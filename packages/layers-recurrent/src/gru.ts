import { GRUCell } from "./cells/gru-cell.js";
import { RecurrentLayer, type RecurrentLayerOptions } from "./recurrent-layer.js";

export interface GRUOptions extends RecurrentLayerOptions {
  /** true (default): PyTorch/cuDNN form; false: the course's form (reset before the recurrent product). */
  resetAfter?: boolean;
  fused?: boolean;
}

/** Multi-layer GRU with PyTorch's options and parameter names (batch-first). */
export class GRU extends RecurrentLayer {
  constructor(options: GRUOptions) {
    super(
      "GRU",
      options,
      (inputSize, suffix) =>
        new GRUCell({ ...options, inputSize, suffix, name: options.name ?? "GRU" }),
    );
  }
}
