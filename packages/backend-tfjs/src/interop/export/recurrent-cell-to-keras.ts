import { GRUCell, type RecurrentCell, SimpleRNNCell } from "@rnnkit/layers-recurrent";
import type { KerasJson } from "../keras-model-artifacts.js";
import { toKerasMatrix } from "../layout/to-keras-matrix.js";
import { toKerasVector } from "../layout/to-keras-vector.js";
import type { NamedWeight } from "./named-weight.js";
import { recurrentKindOf } from "./recurrent-kind-of.js";

/**
 * A cell as a Keras SimpleRNN / LSTM / GRU layer: its config and weights kernel [I, G·H] = W_ihᵀ,
 * recurrent_kernel [H, G·H] = W_hhᵀ (Keras gate order) and bias. Keras keeps one bias where the
 * recurrent bias can be folded in: bias = b_ih + b_hh (SimpleRNN, LSTM, GRU reset_after=false,
 * whose b_hn sits outside r∘(·) in rnnkit's form). GRU reset_after=true keeps both: bias [2, 3H] =
 * [b_ih; b_hh].
 */
export function recurrentCellToKeras(
  cell: RecurrentCell,
  options: { name: string; returnSequences: boolean; goBackwards: boolean },
): { layer: { class_name: string; config: Record<string, KerasJson> }; weights: NamedWeight[] } {
  const kind = recurrentKindOf(cell);
  const H = cell.hiddenSize;
  const I = cell.inputSize;
  const G = cell.gateCount;
  const useBias = cell.biasIh !== undefined;
  const config: Record<string, KerasJson> = {
    name: options.name,
    trainable: true,
    dtype: "float32",
    units: H,
    activation: cell instanceof SimpleRNNCell ? cell.nonlinearity : "tanh",
    use_bias: useBias,
    return_sequences: options.returnSequences,
    return_state: false,
    go_backwards: options.goBackwards,
    stateful: false,
    unroll: false,
  };
  if (kind !== "SimpleRNN") config.recurrent_activation = "sigmoid";
  if (kind === "LSTM") config.unit_forget_bias = false;
  const resetAfter = cell instanceof GRUCell && cell.resetAfter;
  if (kind === "GRU") config.reset_after = resetAfter;
  const weights: NamedWeight[] = [
    {
      name: "kernel",
      shape: [I, G * H],
      values: toKerasMatrix(cell.weightIh.dataSync(), I, H, kind),
    },
    {
      name: "recurrent_kernel",
      shape: [H, G * H],
      values: toKerasMatrix(cell.weightHh.dataSync(), H, H, kind),
    },
  ];
  const biasIh = cell.biasIh?.dataSync();
  const biasHh = cell.biasHh?.dataSync();
  if (biasIh !== undefined && biasHh !== undefined) {
    if (resetAfter) {
      const bias = new Float32Array(2 * G * H);
      bias.set(toKerasVector(biasIh, H, kind), 0);
      bias.set(toKerasVector(biasHh, H, kind), G * H);
      weights.push({ name: "bias", shape: [2, G * H], values: bias });
    } else {
      // b = b_ih + b_hh, summed in float64 before rounding to float32
      const merged = Float64Array.from(biasIh, (v, k) => v + (biasHh[k] as number));
      weights.push({ name: "bias", shape: [G * H], values: toKerasVector(merged, H, kind) });
    }
  }
  return { layer: { class_name: kind, config }, weights };
}
