import {
  add,
  matMul,
  mul,
  reshape,
  sigmoid,
  slice,
  softmax,
  type Tensor,
  tanh,
  tensor,
  tidy,
  zeros,
} from "@rnnkit/core-tensor";
import type { LSTMCell } from "@rnnkit/layers-recurrent";
import type { CharModel } from "../lm/char-model.js";

/** What one LSTM layer did at every step, [T × H] row-major. */
export interface LayerTrace {
  /** tanh(c_t): the cell state squashed to (−1, 1), as Karpathy et al. plot it. */
  cell: Float32Array;
  inputGate: Float32Array;
  forgetGate: Float32Array;
  outputGate: Float32Array;
  /** h_t (equal to the layer's output). */
  hidden: Float32Array;
}

export interface LstmTrace {
  steps: number;
  hiddenSize: number;
  layers: LayerTrace[];
  /** p(next character | text so far) after every step, [T × V]. */
  probabilities: Float32Array;
}

/**
 * Runs a trained LSTM character model over `indices` one step at a time and records every gate,
 * the cell state and the next-character distribution. The gates are computed from the layer's
 * own weights with the same formulas as LSTMCell (PyTorch's gate order i, f, g, o):
 *   [i f g o]ᵀ = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh
 *   i, f, o = σ(·),  g = tanh(·),  c_t = f∘c_{t−1} + i∘g,  h_t = o∘tanh(c_t)
 */
export function traceLstm(model: CharModel, indices: readonly number[]): LstmTrace {
  const T = indices.length;
  const H = model.config.hidden;
  const V = model.config.vocabSize;
  const layers: LayerTrace[] = [];
  const probabilities = new Float32Array(T * V);
  tidy(() => {
    let input: Tensor = reshape(
      model.embedding.forward(tensor(Int32Array.from(indices), [1, T], "int32")),
      [T, model.config.embedding],
    );
    for (const row of model.recurrent.cells) {
      const cell = row[0] as LSTMCell;
      const trace: LayerTrace = {
        cell: new Float32Array(T * H),
        inputGate: new Float32Array(T * H),
        forgetGate: new Float32Array(T * H),
        outputGate: new Float32Array(T * H),
        hidden: new Float32Array(T * H),
      };
      const projected = cell.projectInput(input); // W_ih x_t + b_ih + b_hh for all t: [T, 4H]
      let h = zeros([1, H]);
      let c = zeros([1, H]);
      for (let t = 0; t < T; t++) {
        const next = tidy(() => {
          const gates = add(
            slice(projected, [t, 0], [1, 4 * H]),
            matMul(h, cell.weightHh, false, true),
          );
          const block = (k: number): Tensor => slice(gates, [0, k * H], [1, H]);
          const i = sigmoid(block(0));
          const f = sigmoid(block(1));
          const g = tanh(block(2));
          const o = sigmoid(block(3));
          const cNew = add(mul(f, c), mul(i, g));
          const squashed = tanh(cNew);
          const hNew = mul(o, squashed);
          trace.inputGate.set(i.dataSync(), t * H);
          trace.forgetGate.set(f.dataSync(), t * H);
          trace.outputGate.set(o.dataSync(), t * H);
          trace.cell.set(squashed.dataSync(), t * H);
          trace.hidden.set(hNew.dataSync(), t * H);
          return { h: hNew, c: cNew };
        });
        h.dispose();
        c.dispose();
        h = next.h;
        c = next.c;
      }
      layers.push(trace);
      input = tensor(trace.hidden, [T, H]); // the next layer reads h_t
    }
    const logits = model.head.forward(input); // [T, V]
    probabilities.set(softmax(logits).dataSync());
  });
  return { steps: T, hiddenSize: H, layers, probabilities };
}
