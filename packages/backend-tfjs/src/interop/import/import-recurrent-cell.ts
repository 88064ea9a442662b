import type { Dtype } from "@rnnkit/core-tensor";
import { GRUCell, LSTMCell, type RecurrentCell, SimpleRNNCell } from "@rnnkit/layers-recurrent";
import { fromKerasMatrix } from "../layout/from-keras-matrix.js";
import { fromKerasVector } from "../layout/from-keras-vector.js";
import { KERAS_GATE_ORDER, type RecurrentKind } from "../layout/keras-gate-order.js";
import type { DecodedWeight } from "./decoded-weight.js";
import type { KerasConfigReader } from "./keras-config-reader.js";
import { KerasWeightSource } from "./keras-weight-source.js";

/** The weight roles a Keras recurrent layer has, in its order. */
export function recurrentWeightRoles(reader: KerasConfigReader): string[] {
  return reader.boolean("use_bias", true)
    ? ["kernel", "recurrent_kernel", "bias"]
    : ["kernel", "recurrent_kernel"];
}

/**
 * A Keras SimpleRNN / LSTM / GRU layer's cell with its weights: W_ih = kernelᵀ, W_hh =
 * recurrent_kernelᵀ in PyTorch's gate order; Keras's single bias becomes b_ih (b_hh = 0, which gives
 * the same sums), and a GRU reset_after bias [2, 3H] becomes b_ih = row 0, b_hh = row 1.
 */
export function importRecurrentCell(
  kind: RecurrentKind,
  reader: KerasConfigReader,
  weights: Map<string, DecodedWeight>,
  options: { dtype: Dtype; fused: boolean; name?: string },
): RecurrentCell {
  const H = reader.number("units");
  const G = KERAS_GATE_ORDER[kind].length;
  const kernel = weights.get("kernel") as DecodedWeight;
  const I = kernel.shape[0] ?? 0;
  KerasWeightSource.expectShape(kernel, [I, G * H], reader.layerName);
  const recurrentKernel = weights.get("recurrent_kernel") as DecodedWeight;
  KerasWeightSource.expectShape(recurrentKernel, [H, G * H], reader.layerName);
  const bias = weights.get("bias");
  const useBias = bias !== undefined;

  let cell: RecurrentCell;
  const common = {
    inputSize: I,
    hiddenSize: H,
    bias: useBias,
    dtype: options.dtype,
    name: options.name ?? reader.layerName,
  };
  let resetAfter = false;
  if (kind === "SimpleRNN") {
    const nonlinearity = reader.oneOf("activation", ["tanh", "relu"] as const, "tanh");
    cell = new SimpleRNNCell({ ...common, nonlinearity });
  } else {
    reader.oneOf("activation", ["tanh"] as const, "tanh");
    reader.oneOf(
      "recurrent_activation",
      ["sigmoid"] as const,
      "sigmoid",
      " (rnnkit's cells use the exact sigmoid; tfjs-layers' default is hard_sigmoid: build the layer with recurrentActivation: 'sigmoid')",
    );
    if (kind === "LSTM") {
      cell = new LSTMCell({ ...common, fused: options.fused });
    } else {
      // Keras 2.3+ defaults to reset_after=true (bias [2, 3H]); tfjs and older Keras to false
      resetAfter = reader.boolean("reset_after", bias !== undefined && bias.shape.length === 2);
      cell = new GRUCell({ ...common, resetAfter, fused: options.fused });
    }
  }

  const state: Record<string, { shape: number[]; values: ArrayLike<number> }> = {
    weight_ih: { shape: [G * H, I], values: fromKerasMatrix(kernel.values, I, H, kind) },
    weight_hh: {
      shape: [G * H, H],
      values: fromKerasMatrix(recurrentKernel.values, H, H, kind),
    },
  };
  if (bias !== undefined) {
    KerasWeightSource.expectShape(bias, resetAfter ? [2, G * H] : [G * H], reader.layerName);
    state.bias_ih = { shape: [G * H], values: fromKerasVector(bias.values, H, kind) };
    state.bias_hh = {
      shape: [G * H],
      values: resetAfter ? fromKerasVector(bias.values, H, kind, G * H) : new Float64Array(G * H),
    };
  }
  cell.loadStateDict(state);
  return cell;
}
