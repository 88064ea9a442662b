import { runKernelMulti } from "../../engine.js";
import {
  LstmCell,
  LstmCellGrad,
  type LstmCellGradInputs,
  type LstmCellInputs,
} from "../../kernel-names.js";
import type { GradConfig } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { checkCellArguments, checkCellShape } from "./cell-checks.js";

/**
 * One LSTM time step as a single fused kernel, gate order i, f, g, o (PyTorch):
 *   gates = xProj + h·W_hhᵀ;  i = σ(·), f = σ(·), g = tanh(·), o = σ(·)
 *   c' = f∘c + i∘g;  h' = o∘tanh(c')
 * @param xProj [B,4H], the input projection x·W_ihᵀ + b_ih + b_hh computed beforehand (one matMul
 *   for all time steps).
 * @param h [B,H] previous hidden state.
 * @param c [B,H] previous cell state.
 * @param weightHh [4H,H] recurrent weights, rows in gate order i, f, g, o.
 * @returns the new hidden and cell states. Differentiable with respect to all four inputs (once:
 *   the gradient kernel has no gradient of its own).
 */
export function lstmCell(
  xProj: Tensor,
  h: Tensor,
  c: Tensor,
  weightHh: Tensor,
): { h: Tensor; c: Tensor } {
  const { batch, hidden } = checkCellArguments("lstmCell", { xProj, h, c, weightHh });
  checkCellShape("lstmCell", "xProj", xProj, "[B,4H]", [batch, 4 * hidden]);
  checkCellShape("lstmCell", "c", c, "[B,H]", [batch, hidden]);
  checkCellShape("lstmCell", "weightHh", weightHh, "[4H,H]", [4 * hidden, hidden]);
  const inputs = { xProj, h, c, weightHh } satisfies LstmCellInputs;
  const [hNew, cNew, gates] = runKernelMulti(LstmCell, inputs) as [Tensor, Tensor, Tensor];
  // The activated gates are only kept for the backward pass (a tape defers this dispose).
  gates.dispose();
  return { h: hNew, c: cNew };
}

/**
 * The LstmCellGrad kernel returns all four input gradients at once from dh' and dc' (the engine
 * passes zeros for an output that did not reach the loss; the saved gates are not differentiable):
 *   dc* = dc' + dh'∘o∘(1 − tanh²c');  d(pre-activations) = dXProj;  dc = dc*∘f
 *   dh = dGates·W_hh;  dW_hh = dGatesᵀ·h
 */
export const lstmCellGradConfig: GradConfig = {
  kernelName: LstmCell,
  gradFunc: (dy, { inputs, outputs, dys }) => {
    let result: Tensor[] | undefined;
    const gradient = (index: number) => (): Tensor => {
      if (result === undefined) {
        const gradInputs = {
          dh: dy,
          dc: dys[1] as Tensor,
          gates: outputs[2] as Tensor,
          c: inputs.c as Tensor,
          cNew: outputs[1] as Tensor,
          h: inputs.h as Tensor,
          weightHh: inputs.weightHh as Tensor,
        } satisfies LstmCellGradInputs;
        result = runKernelMulti(LstmCellGrad, gradInputs);
      }
      return result[index] as Tensor;
    };
    return { xProj: gradient(0), h: gradient(1), c: gradient(2), weightHh: gradient(3) };
  },
};
