import { runKernelMulti } from "../../engine.js";
import {
  GruCell,
  type GruCellAttrs,
  GruCellGrad,
  type GruCellGradInputs,
  type GruCellInputs,
} from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { checkCellArguments, checkCellShape } from "./cell-checks.js";

export interface GruCellOptions {
  /**
   * true (default, PyTorch/cuDNN/Keras `reset_after`): the reset gate scales W_hn h + b_hn.
   * false (the course's form): the reset gate scales h before W_hn.
   */
  resetAfter?: boolean;
}

/**
 * One GRU time step as a single fused kernel, gate order r, z, n (PyTorch):
 *   r = σ(x_r + W_hr h + b_hr),  z = σ(x_z + W_hz h + b_hz)
 *   resetAfter:  n = tanh(x_n + r∘(W_hn h + b_hn))
 *   otherwise:   n = tanh(x_n + W_hn (r∘h) + b_hn)
 *   h' = (1 − z)∘n + z∘h
 * Convention mapping: the course writes h_t = (1 − z)∘h_{t−1} + z∘h̃_t, so its update gate z is
 * PyTorch's 1 − z (here z weighs the old state); r and n (= h̃) mean the same in both.
 * @param xProj [B,3H], the input projection x·W_ihᵀ + b_ih computed beforehand.
 * @param h [B,H] previous hidden state.
 * @param weightHh [3H,H] recurrent weights, rows in gate order r, z, n.
 * @param biasHh [3H] recurrent bias (b_hn sits inside r∘(·) when resetAfter).
 * @returns the new hidden state [B,H]. Differentiable (once) with respect to all four inputs.
 */
export function gruCell(
  xProj: Tensor,
  h: Tensor,
  weightHh: Tensor,
  biasHh: Tensor,
  { resetAfter = true }: GruCellOptions = {},
): Tensor {
  const { batch, hidden } = checkCellArguments("gruCell", { xProj, h, weightHh, biasHh });
  checkCellShape("gruCell", "xProj", xProj, "[B,3H]", [batch, 3 * hidden]);
  checkCellShape("gruCell", "weightHh", weightHh, "[3H,H]", [3 * hidden, hidden]);
  checkCellShape("gruCell", "biasHh", biasHh, "[3H]", [3 * hidden]);
  const inputs = { xProj, h, weightHh, biasHh } satisfies GruCellInputs;
  const attrs: GruCellAttrs = { resetAfter };
  const [hNew, gates] = runKernelMulti(GruCell, inputs, attrs) as [Tensor, Tensor];
  // The gates (r, z, n, hn) are only kept for the backward pass (a tape defers this dispose).
  gates.dispose();
  return hNew;
}

/**
 * The GruCellGrad kernel returns all four input gradients at once from dh' and the saved gates
 * (the gates output itself is not differentiable):
 *   dn* = dh'∘(1 − z)∘(1 − n²),  dz* = dh'∘(h − n)∘z(1 − z),  dh = dh'∘z + (recurrent terms)
 */
export const gruCellGradConfig: GradConfig = {
  kernelName: GruCell,
  gradFunc: (dy, { inputs, outputs, attrs }) => {
    let result: Tensor[] | undefined;
    const gradient = (index: number) => (): Tensor => {
      if (result === undefined) {
        const gradInputs = {
          dh: dy,
          gates: outputs[1] as Tensor,
          h: inputs.h as Tensor,
          weightHh: inputs.weightHh as Tensor,
        } satisfies GruCellGradInputs;
        const gradAttrs: GruCellAttrs = { resetAfter: (attrs as GruCellAttrs).resetAfter };
        result = runKernelMulti(GruCellGrad, gradInputs, gradAttrs);
      }
      return result[index] as Tensor;
    };
    return { xProj: gradient(0), h: gradient(1), weightHh: gradient(2), biasHh: gradient(3) };
  },
};
