import {
  add,
  gruCell,
  gruSequence,
  matMul,
  mul,
  sigmoid,
  slice,
  sub,
  type Tensor,
  tanh,
} from "@rnnkit/core-tensor";
import { zerosInitializer } from "../initializers/zeros-initializer.js";
import { type CellOptions, RecurrentCell } from "./recurrent-cell.js";

export interface GRUCellOptions extends CellOptions {
  /**
   * true (default): PyTorch/cuDNN/Keras reset_after — r multiplies the recurrent product:
   *   n = tanh(W_in x + b_in + r∘(W_hn h + b_hn)).
   * false: the course's form — r multiplies h before the product:
   *   n = tanh(W_in x + b_in + W_hn (r∘h) + b_hn).
   */
  resetAfter?: boolean;
  /** Use the fused GRUCell kernel (default) or the composite of element-wise ops (same results). */
  fused?: boolean;
}

/**
 * GRU cell, gate order r, z, n (PyTorch):
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr),  z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   h' = (1 − z)∘n + z∘h
 * The z convention: here z is the share of the OLD state kept (PyTorch, Keras). The course writes
 * h_t = (1 − z_t)∘h_{t−1} + z_t∘h̃_t, whose z_t is our (1 − z): the same model, z relabelled.
 */
export class GRUCell extends RecurrentCell {
  readonly stateCount = 1;
  readonly resetAfter: boolean;
  readonly fused: boolean;

  constructor(options: GRUCellOptions) {
    super("GRUCell", options, 3);
    this.resetAfter = options.resetAfter ?? true;
    this.fused = options.fused ?? true;
  }

  /** Only b_ih is folded into the projected input; b_hh stays inside the step (it sits under r). */
  override inputBias(): Tensor | undefined {
    return this.biasIh;
  }

  step(xProj: Tensor, states: readonly Tensor[]): Tensor[] {
    const h = states[0] as Tensor;
    const H = this.hiddenSize;
    const B = h.shape[0] as number;
    const biasHh = this.biasHh;
    if (this.fused) {
      const zerosBias = biasHh ?? this.zeroBias();
      const out = gruCell(xProj, h, this.weightHh, zerosBias, { resetAfter: this.resetAfter });
      if (biasHh === undefined) zerosBias.dispose();
      return [out];
    }
    const xBlock = (k: number): Tensor => slice(xProj, [0, k * H], [B, H]);
    const wBlock = (k: number, n: number): Tensor => slice(this.weightHh, [k * H, 0], [n * H, H]);
    const bBlock = (k: number, n: number): Tensor | undefined =>
      biasHh === undefined ? undefined : slice(biasHh, [k * H], [n * H]);
    const withBias = (t: Tensor, b: Tensor | undefined): Tensor =>
      b === undefined ? t : add(t, b);
    // recurrent part of r and z: W_h{r,z} h + b_h{r,z}
    const hRz = withBias(matMul(h, wBlock(0, 2), false, true), bBlock(0, 2));
    const r = sigmoid(add(xBlock(0), slice(hRz, [0, 0], [B, H]))); // reset gate
    const z = sigmoid(add(xBlock(1), slice(hRz, [0, H], [B, H]))); // update gate
    const hn = this.resetAfter
      ? mul(r, withBias(matMul(h, wBlock(2, 1), false, true), bBlock(2, 1))) // r∘(W_hn h + b_hn)
      : withBias(matMul(mul(r, h), wBlock(2, 1), false, true), bBlock(2, 1)); // W_hn (r∘h) + b_hn
    const n = tanh(add(xBlock(2), hn)); // candidate state
    // h' = (1 − z)∘n + z∘h = n + z∘(h − n)
    return [add(n, mul(z, sub(h, n)))];
  }

  /** The fused cell runs a whole sequence as one gruSequence op (the kernel where the backend has it). */
  override sequence(
    xProj: Tensor,
    states: readonly Tensor[],
    goBackwards: boolean,
  ): { outputs: Tensor; states: Tensor[] } | undefined {
    if (!this.fused) return undefined;
    const biasHh = this.biasHh ?? this.zeroBias();
    const out = gruSequence(xProj, states[0] as Tensor, this.weightHh, biasHh, {
      resetAfter: this.resetAfter,
      goBackwards,
    });
    if (this.biasHh === undefined) biasHh.dispose();
    return { outputs: out.output, states: [out.h] };
  }

  private zeroBias(): Tensor {
    return zerosInitializer([3 * this.hiddenSize], { dtype: this.dtype });
  }
}
