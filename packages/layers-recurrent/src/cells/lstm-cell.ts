import {
  add,
  concat,
  lstmCell,
  lstmSequence,
  matMul,
  mul,
  sigmoid,
  slice,
  type Tensor,
  tanh,
} from "@rnnkit/core-tensor";
import type { Initializer } from "../initializers/initializer.js";
import { constantInitializer, zerosInitializer } from "../initializers/zeros-initializer.js";
import { type CellOptions, RecurrentCell } from "./recurrent-cell.js";

export interface LSTMCellOptions extends CellOptions {
  /** Use the fused LSTMCell kernel (default) or the composite of element-wise ops (same results). */
  fused?: boolean;
  /** Initialize the forget-gate bias to 1 (Keras's unitForgetBias; on by default with init "keras"). */
  unitForgetBias?: boolean;
  /**
   * Initialize the forget-gate bias to this value (and the other biases to 0). Larger values
   * (2–3) make the cell remember by default: f = σ(b_f) ≈ 0.95 at b_f = 3.
   */
  forgetBias?: number;
}

/**
 * The LSTM cell of the course, gate order i, f, g, o (PyTorch):
 *   i = σ(W_ii x + b_ii + W_hi h + b_hi)   input gate
 *   f = σ(W_if x + b_if + W_hf h + b_hf)   forget gate
 *   g = tanh(W_ig x + b_ig + W_hg h + b_hg) candidate
 *   o = σ(W_io x + b_io + W_ho h + b_ho)   output gate
 *   c' = f∘c + i∘g,  h' = o∘tanh(c')
 */
export class LSTMCell extends RecurrentCell {
  readonly stateCount = 2;
  readonly fused: boolean;

  constructor(options: LSTMCellOptions) {
    super("LSTMCell", options, 4, forgetGateBiasInits(options));
    this.fused = options.fused ?? true;
  }

  step(xProj: Tensor, states: readonly Tensor[]): Tensor[] {
    const [h, c] = states as [Tensor, Tensor];
    if (this.fused) {
      const out = lstmCell(xProj, h, c, this.weightHh);
      return [out.h, out.c];
    }
    const H = this.hiddenSize;
    const B = h.shape[0] as number;
    // pre-activations of all four gates: (W x + b) + W_h h
    const gates = add(xProj, matMul(h, this.weightHh, false, true));
    const block = (k: number): Tensor => slice(gates, [0, k * H], [B, H]);
    const i = sigmoid(block(0)); // input gate
    const f = sigmoid(block(1)); // forget gate
    const g = tanh(block(2)); // candidate cell
    const o = sigmoid(block(3)); // output gate
    const cNew = add(mul(f, c), mul(i, g)); // c_t = f∘c_{t−1} + i∘g
    const hNew = mul(o, tanh(cNew)); // h_t = o∘tanh(c_t)
    return [hNew, cNew];
  }

  /** The fused cell runs a whole sequence as one lstmSequence op (the kernel where the backend has it). */
  override sequence(
    xProj: Tensor,
    states: readonly Tensor[],
    goBackwards: boolean,
  ): { outputs: Tensor; states: Tensor[] } | undefined {
    if (!this.fused) return undefined;
    const [h0, c0] = states as [Tensor, Tensor];
    const out = lstmSequence(xProj, h0, c0, this.weightHh, { goBackwards });
    return { outputs: out.output, states: [out.h, out.c] };
  }
}

/**
 * With a forget-gate bias b_f (`forgetBias`, or 1 for `unitForgetBias` / Keras init), bias_ih holds
 * [0, b_f, 0, 0] per gate block and bias_hh is 0 (Keras keeps one bias); otherwise the preset's.
 */
function forgetGateBiasInits(options: LSTMCellOptions): {
  biasIh?: Initializer;
  biasHh?: Initializer;
} {
  const keras = options.init === "keras";
  const forgetBias = options.forgetBias ?? ((options.unitForgetBias ?? keras) ? 1 : undefined);
  if (forgetBias === undefined) return {};
  const H = options.hiddenSize;
  const biasIh: Initializer = (shape, o) => {
    const zero = zerosInitializer(shape, o);
    const forget = constantInitializer(forgetBias)([H], o);
    const parts = [slice(zero, [0], [H]), forget, slice(zero, [2 * H], [2 * H])];
    const out = concat(parts, 0);
    for (const t of [zero, forget, ...parts]) t.dispose();
    return out;
  };
  return { biasIh, biasHh: zerosInitializer };
}
