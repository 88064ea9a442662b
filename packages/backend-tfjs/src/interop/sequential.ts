import { RnnkitError, type Tensor } from "@rnnkit/core-tensor";
import {
  Bidirectional,
  Dense,
  Embedding,
  Module,
  RecurrentLayer,
  RNN,
} from "@rnnkit/layers-recurrent";

/**
 * What a Keras Sequential model is made of, on the rnnkit side: Embedding, Dense, an `RNN` over a
 * SimpleRNN/LSTM/GRU cell (Keras's SimpleRNN/LSTM/GRU layer), a `Bidirectional` wrapper, or a
 * PyTorch-like stacked `SimpleRNN`/`LSTM`/`GRU` layer (all outputs).
 */
export type SequentialLayer = Embedding | Dense | RNN | Bidirectional | RecurrentLayer;

/**
 * Layers applied in order (Keras's Sequential, PyTorch's nn.Sequential: parameters are named
 * `0.weight`, `1.weight_ih`, …). Recurrent layers pass on their `output` (all steps, or the last
 * with `returnSequences: false`).
 */
export class Sequential extends Module {
  readonly layers: readonly SequentialLayer[];

  constructor(layers: readonly SequentialLayer[], options: { name?: string } = {}) {
    super(options.name ?? "Sequential");
    layers.forEach((layer, i) => {
      if (!isSequentialLayer(layer)) {
        throw new RnnkitError(
          this.name,
          `layer ${i} is not an Embedding, Dense, RNN, Bidirectional or recurrent layer`,
        );
      }
      this.registerModule(String(i), layer);
    });
    this.layers = [...layers];
  }

  /** Embedding first: int32 indices [B, T]; otherwise [B, T, features] (or [B, features]). */
  forward(x: Tensor): Tensor {
    let y = x;
    for (const layer of this.layers) {
      if (layer instanceof Embedding || layer instanceof Dense) y = layer.forward(y);
      else y = layer.forward(y).output;
    }
    return y;
  }
}

function isSequentialLayer(layer: unknown): layer is SequentialLayer {
  return (
    layer instanceof Embedding ||
    layer instanceof Dense ||
    layer instanceof RNN ||
    layer instanceof Bidirectional ||
    layer instanceof RecurrentLayer
  );
}
