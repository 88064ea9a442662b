import {
  add,
  concat,
  lstmCell,
  matMul,
  mul,
  sigmoid,
  slice,
  type Tensor,
  tanh,
  type Variable,
} from "@rnnkit/core-tensor";
import { glorotUniform } from "../initializers/glorot-uniform.js";
import { orthogonal } from "../initializers/orthogonal.js";
import { pytorchRnnUniform } from "../initializers/uniform.js";
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
  readonly gateCount = 4;
  readonly stateCount = 2;
  readonly fused: boolean;
  private readonly wIh: Variable;
  private readonly wHh: Variable;
  private readonly bIh: Variable | undefined;
  private readonly bHh: Variable | undefined;

  constructor(options: LSTMCellOptions) {
    super("LSTMCell", options);
    this.fused = options.fused ?? true;
    const I = this.inputSize;
    const H = this.hiddenSize;
    const keras = options.init === "keras";
    const uniform = pytorchRnnUniform(H);
    this.wIh = this.makeParameter(
      "weight_ih",
      [4 * H, I],
      keras ? glorotUniform : uniform,
      options.rng,
    );
    this.wHh = this.makeParameter(
      "weight_hh",
      [4 * H, H],
      keras ? orthogonal() : uniform,
      options.rng,
    );
    const withBias = options.bias ?? true;
    const forgetBias = options.forgetBias ?? ((options.unitForgetBias ?? keras) ? 1 : undefined);
    const unitForgetBias = forgetBias !== undefined;
    // Keras keeps one bias: ours is bias_ih (with the forget block at 1) and bias_hh = 0.
    const biasInit = unitForgetBias
      ? (shape: readonly number[], o?: { dtype?: "float32" | "float64" | "int32" }) => {
          const zero = zerosInitializer(shape, o);
          const one = constantInitializer(forgetBias as number)([H], o);
          const parts = [slice(zero, [0], [H]), one, slice(zero, [2 * H], [2 * H])];
          const out = concat(parts, 0);
          for (const t of [zero, one, ...parts]) t.dispose();
          return out;
        }
      : keras
        ? zerosInitializer
        : uniform;
    this.bIh = withBias ? this.makeParameter("bias_ih", [4 * H], biasInit, options.rng) : undefined;
    this.bHh = withBias
      ? this.makeParameter(
          "bias_hh",
          [4 * H],
          keras || unitForgetBias ? zerosInitializer : uniform,
          options.rng,
        )
      : undefined;
  }

  get weightIh(): Variable {
    return this.wIh;
  }
  get weightHh(): Variable {
    return this.wHh;
  }
  get biasIh(): Variable | undefined {
    return this.bIh;
  }
  get biasHh(): Variable | undefined {
    return this.bHh;
  }

  step(xProj: Tensor, states: readonly Tensor[]): Tensor[] {
    const [h, c] = states as [Tensor, Tensor];
    if (this.fused) {
      const out = lstmCell(xProj, h, c, this.wHh);
      return [out.h, out.c];
    }
    const H = this.hiddenSize;
    const B = h.shape[0] as number;
    // pre-activations of all four gates: (W x + b) + W_h h
    const gates = add(xProj, matMul(h, this.wHh, false, true));
    const block = (k: number): Tensor => slice(gates, [0, k * H], [B, H]);
    const i = sigmoid(block(0)); // input gate
    const f = sigmoid(block(1)); // forget gate
    const g = tanh(block(2)); // candidate cell
    const o = sigmoid(block(3)); // output gate
    const cNew = add(mul(f, c), mul(i, g)); // c_t = f∘c_{t−1} + i∘g
    const hNew = mul(o, tanh(cNew)); // h_t = o∘tanh(c_t)
    return [hNew, cNew];
  }
}
