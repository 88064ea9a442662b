import { runKernelMulti } from "../../engine.js";
import { RnnkitError, shapeToString } from "../../errors.js";
import {
  LstmSequence,
  type LstmSequenceAttrs,
  LstmSequenceGrad,
  type LstmSequenceGradInputs,
  type LstmSequenceInputs,
} from "../../kernel-names.js";
import { type GradConfig, getBackendName, getKernel } from "../../registry.js";
import type { Tensor } from "../../tensor.js";
import { stack } from "../movement/stack.js";
import { unstack } from "../movement/unstack.js";
import { checkCellArguments, checkCellShape } from "./cell-checks.js";
import { lstmCell } from "./lstm-cell.js";

export interface LstmSequenceOptions {
  /** Process t = T−1 … 0 (outputs stay aligned with the input positions). Default false. */
  goBackwards?: boolean;
}

/**
 * A whole LSTM sequence: for each step t (gate order i, f, g, o)
 *   gates_t = xProj_t + h_{t−1}·W_hhᵀ;  i, f, o = σ(·), g = tanh(·)
 *   c_t = f∘c_{t−1} + i∘g;  h_t = o∘tanh(c_t)
 * Runs the LstmSequence kernel when the active backend has it (one call for all steps; its
 * gradient forms dW_hh = Σ_t dGates_tᵀ·h_{t−1} as one product), otherwise T lstmCell steps with the
 * same results.
 * @param xProj [B,T,4H], the input projection of every step (x·W_ihᵀ + b_ih + b_hh).
 * @param h0 [B,H], c0 [B,H] initial states; weightHh [4H,H].
 * @returns output [B,T,H] (h_t at each input position) and the final states h, c [B,H].
 */
export function lstmSequence(
  xProj: Tensor,
  h0: Tensor,
  c0: Tensor,
  weightHh: Tensor,
  options: LstmSequenceOptions = {},
): { output: Tensor; h: Tensor; c: Tensor } {
  const op = "lstmSequence";
  const { batch, hidden } = checkCellArguments(op, { xProj, h: h0, c0, weightHh });
  if (xProj.rank !== 3 || xProj.shape[0] !== batch || xProj.shape[2] !== 4 * hidden) {
    throw new RnnkitError(
      op,
      `xProj must be [B,T,4H] = [${batch},T,${4 * hidden}], got ${shapeToString(xProj.shape)}`,
    );
  }
  const steps = xProj.shape[1] as number;
  if (steps === 0) throw new RnnkitError(op, "expected at least one time step, got T = 0");
  checkCellShape(op, "c0", c0, "[B,H]", [batch, hidden]);
  checkCellShape(op, "weightHh", weightHh, "[4H,H]", [4 * hidden, hidden]);
  const goBackwards = options.goBackwards ?? false;
  if (getKernel(LstmSequence, getBackendName()) !== undefined) {
    const inputs = { xProj, h0, c0, weightHh } satisfies LstmSequenceInputs;
    const attrs = { goBackwards } satisfies LstmSequenceAttrs;
    const [output, h, c, gates, cSeq] = runKernelMulti(LstmSequence, inputs, attrs) as [
      Tensor,
      Tensor,
      Tensor,
      Tensor,
      Tensor,
    ];
    // gates and cell states are only kept for the backward pass (a tape defers these disposes)
    gates.dispose();
    cSeq.dispose();
    return { output, h, c };
  }
  // the same computation one step at a time
  const xs = unstack(xProj, 1);
  const outputs: Tensor[] = new Array(steps);
  let h = h0;
  let c = c0;
  for (let s = 0; s < steps; s++) {
    const t = goBackwards ? steps - 1 - s : s;
    const next = lstmCell(xs[t] as Tensor, h, c, weightHh);
    outputs[t] = next.h;
    h = next.h;
    c = next.c;
  }
  return { output: stack(outputs, 1), h, c };
}

/**
 * The LstmSequenceGrad kernel returns the four input gradients at once from the gradients of
 * hSeq, hN and cN (zeros for an output that did not reach the loss), walking the steps backwards:
 *   dh_t = dhSeq_t + dGates_{t+1}·W_hh;  dc_t = dc*_{t+1}∘f_{t+1};  dGates_t from the saved gates
 *   dW_hh = Σ_t dGates_tᵀ·h_{t−1}
 */
export const lstmSequenceGradConfig: GradConfig = {
  kernelName: LstmSequence,
  gradFunc: (dy, { inputs, outputs, dys, attrs }) => {
    let result: Tensor[] | undefined;
    const gradient = (index: number) => (): Tensor => {
      if (result === undefined) {
        const gradInputs = {
          dhSeq: dy,
          dhN: dys[1] as Tensor,
          dcN: dys[2] as Tensor,
          gates: outputs[3] as Tensor,
          cSeq: outputs[4] as Tensor,
          hSeq: outputs[0] as Tensor,
          h0: inputs.h0 as Tensor,
          c0: inputs.c0 as Tensor,
          weightHh: inputs.weightHh as Tensor,
        } satisfies LstmSequenceGradInputs;
        result = runKernelMulti(LstmSequenceGrad, gradInputs, attrs);
      }
      return result[index] as Tensor;
    };
    return { xProj: gradient(0), h0: gradient(1), c0: gradient(2), weightHh: gradient(3) };
  },
};
