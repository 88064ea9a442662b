import { runKernelMulti } from "../../engine.js";
import { RnnkitError, shapeToString } from "../../errors.js";
import {
  GruSequence,
  type GruSequenceAttrs,
  GruSequenceGrad,
  type GruSequenceGradInputs,
  type GruSequenceInputs,
} from "../../kernel-names.js";
import { type GradConfig, getBackendName, getKernel } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { stack } from "../movement/stack.js";
import { unstack } from "../movement/unstack.js";
import { checkCellArguments, checkCellShape } from "./cell-checks.js";
import { gruCell } from "./gru-cell.js";

export interface GruSequenceOptions {
  /** The reset gate scales W_hn h + b_hn (true, default, PyTorch) or h before W_hn (the course). */
  resetAfter?: boolean;
  /** Process t = T−1 … 0 (outputs stay aligned with the input positions). Default false. */
  goBackwards?: boolean;
}

/**
 * A whole GRU sequence: for each step t (gate order r, z, n)
 *   r = σ(x_r + W_hr h_{t−1} + b_hr),  z = σ(x_z + W_hz h_{t−1} + b_hz)
 *   n = tanh(x_n + r∘(W_hn h_{t−1} + b_hn))   (or W_hn (r∘h_{t−1}) + b_hn without resetAfter)
 *   h_t = (1 − z)∘n + z∘h_{t−1}
 * Runs the GruSequence kernel when the active backend has it (its gradient forms dW_hh and db_hh
 * as products over all steps), otherwise T gruCell steps with the same results.
 * @param xProj [B,T,3H] = x·W_ihᵀ + b_ih for every step; h0 [B,H]; weightHh [3H,H]; biasHh [3H].
 * @returns output [B,T,H] (h_t at each input position) and the final state h [B,H].
 */
export function gruSequence(
  xProj: Tensor,
  h0: Tensor,
  weightHh: Tensor,
  biasHh: Tensor,
  options: GruSequenceOptions = {},
): { output: Tensor; h: Tensor } {
  const op = "gruSequence";
  const { batch, hidden } = checkCellArguments(op, { xProj, h: h0, weightHh, biasHh });
  if (xProj.rank !== 3 || xProj.shape[0] !== batch || xProj.shape[2] !== 3 * hidden) {
    throw new RnnkitError(
      op,
      `xProj must be [B,T,3H] = [${batch},T,${3 * hidden}], got ${shapeToString(xProj.shape)}`,
    );
  }
  const steps = xProj.shape[1] as number;
  if (steps === 0) throw new RnnkitError(op, "expected at least one time step, got T = 0");
  checkCellShape(op, "weightHh", weightHh, "[3H,H]", [3 * hidden, hidden]);
  checkCellShape(op, "biasHh", biasHh, "[3H]", [3 * hidden]);
  const resetAfter = options.resetAfter ?? true;
  const goBackwards = options.goBackwards ?? false;
  if (getKernel(GruSequence, getBackendName()) !== undefined) {
    const inputs = { xProj, h0, weightHh, biasHh } satisfies GruSequenceInputs;
    const attrs = { resetAfter, goBackwards } satisfies GruSequenceAttrs;
    const [output, h, gates] = runKernelMulti(GruSequence, inputs, attrs) as [
      Tensor,
      Tensor,
      Tensor,
    ];
    // the gates are only kept for the backward pass (a tape defers this dispose)
    gates.dispose();
    return { output, h };
  }
  const xs = unstack(xProj, 1);
  const outputs: Tensor[] = new Array(steps);
  let h = h0;
  for (let s = 0; s < steps; s++) {
    const t = goBackwards ? steps - 1 - s : s;
    h = gruCell(xs[t] as Tensor, h, weightHh, biasHh, { resetAfter });
    outputs[t] = h;
  }
  return { output: stack(outputs, 1), h };
}

/**
 * The GruSequenceGrad kernel walks the steps backwards from the gradients of hSeq and hN (zeros
 * where one did not reach the loss): dh_t = dhSeq_t + (the recurrent gradient from step t+1), the
 * step's gate gradients as in gruCell, and at the end dW_hh, db_hh summed over all steps.
 */
export const gruSequenceGradConfig: GradConfig = {
  kernelName: GruSequence,
  gradFunc: (dy, { inputs, outputs, dys, attrs }) => {
    let result: Tensor[] | undefined;
    const gradient = (index: number) => (): Tensor => {
      if (result === undefined) {
        const gradInputs = {
          dhSeq: dy,
          dhN: dys[1] as Tensor,
          gates: outputs[2] as Tensor,
          hSeq: outputs[0] as Tensor,
          h0: inputs.h0 as Tensor,
          weightHh: inputs.weightHh as Tensor,
        } satisfies GruSequenceGradInputs;
        result = runKernelMulti(GruSequenceGrad, gradInputs, attrs);
      }
      return result[index] as Tensor;
    };
    return { xProj: gradient(0), h0: gradient(1), weightHh: gradient(2), biasHh: gradient(3) };
  },
};
