import {
  add,
  checkIndices,
  gather,
  mul,
  RnnkitError,
  reshape,
  shapeToString,
  slice,
  stack,
  sub,
  type Tensor,
  unstack,
  zeros,
} from "@rnnkit/core-tensor";
import type { RecurrentCell } from "./cells/recurrent-cell.js";

export interface UnrollOptions {
  /** Initial states, one [B, H] per cell state (default zeros). */
  initialStates?: readonly Tensor[];
  /** [B, T] of 1 (valid) and 0 (padding), in the input's dtype: padded steps leave the state unchanged and output 0. */
  mask?: Tensor;
  /** Process t = T−1 … 0. Outputs stay aligned with the input positions (as in PyTorch). */
  goBackwards?: boolean;
  /**
   * Called with each step's new hidden state before it is used; returning a different tensor
   * replaces it (used to add zero probes whose gradient is ∂L/∂h_t).
   */
  onHidden?: (h: Tensor, t: number) => Tensor;
}

export interface UnrollResult {
  /** Hidden state at every step, [B, T, H] (zeros at padded steps). */
  outputs: Tensor;
  /** Final states (at each sequence's last valid step under a mask). */
  states: Tensor[];
}

/**
 * Checks the input of a recurrent layer, float [B, T, I] or int32 indices [B, T] in [0, I) (each
 * index stands for the one-hot row e_c); errors name the layer.
 */
export function checkSequenceInput(layer: string, x: Tensor, inputSize: number): void {
  if (x.dtype === "int32") {
    if (x.rank !== 2) {
      throw new RnnkitError(
        layer,
        `expected int32 indices [batch, time] (or float input [batch, time, ${inputSize}]), got ${shapeToString(x.shape)}`,
      );
    }
    checkIndices(layer, x, inputSize, "inputSize");
    return;
  }
  if (x.rank !== 3 || x.shape[2] !== inputSize) {
    throw new RnnkitError(
      layer,
      `expected input [batch, time, ${inputSize}] (batch-first), got ${shapeToString(x.shape)}`,
    );
  }
}

/**
 * Runs a cell over every time step of x: float [B, T, I], or int32 indices [B, T] whose step inputs
 * are rows of the cell's input table (W_ih·e_c + b: the one-hot product without the product).
 */
export function unroll(
  layer: string,
  cell: RecurrentCell,
  x: Tensor,
  options: UnrollOptions = {},
): UnrollResult {
  checkSequenceInput(layer, x, cell.inputSize);
  const [B, T] = x.shape as [number, number, number];
  const H = cell.hiddenSize;
  let states: Tensor[];
  if (options.initialStates !== undefined) {
    if (options.initialStates.length !== cell.stateCount) {
      throw new RnnkitError(
        layer,
        `expected ${cell.stateCount} initial state(s), got ${options.initialStates.length}`,
      );
    }
    states = options.initialStates.map((s, k) => {
      if (s.rank !== 2 || s.shape[0] !== B || s.shape[1] !== H) {
        throw new RnnkitError(
          layer,
          `initial state ${k} must be [${B},${H}], got ${shapeToString(s.shape)}`,
        );
      }
      return s;
    });
  } else {
    states = Array.from({ length: cell.stateCount }, () => zeros([B, H], cell.dtype));
  }
  const mask = options.mask;
  if (mask !== undefined && (mask.rank !== 2 || mask.shape[0] !== B || mask.shape[1] !== T)) {
    throw new RnnkitError(layer, `mask must be [${B},${T}], got ${shapeToString(mask.shape)}`);
  }
  // The input part of every gate for all steps at once, one [B·T, I] × [I, G·H] product, then one
  // Unstack into T tensors [B, G·H]: its gradient is a single concat of the T step gradients (a slice
  // per step would cost O(T²) backward: each slice's gradient is a zero-padded copy of all T steps).
  const I = cell.inputSize;
  const G = cell.gateCount * H;
  const projected =
    x.dtype === "int32"
      ? reshape(gather(cell.inputTable(), reshape(x, [B * T]), 0), [B, T, G])
      : reshape(cell.projectInput(reshape(x, [B * T, I])), [B, T, G]);
  // whole-sequence op when nothing has to happen between steps (no mask, no per-step hook)
  if (mask === undefined && options.onHidden === undefined) {
    const whole = cell.sequence(projected, states, options.goBackwards ?? false);
    if (whole !== undefined) return whole;
  }
  const xProj = unstack(projected, 1);
  const outputs: Tensor[] = new Array(T);
  for (let s = 0; s < T; s++) {
    const t = options.goBackwards ? T - 1 - s : s;
    const xt = xProj[t] as Tensor;
    let next = cell.step(xt, states);
    if (options.onHidden !== undefined)
      next = [options.onHidden(next[0] as Tensor, t), ...next.slice(1)];
    if (mask !== undefined) {
      const m = slice(mask, [0, t], [B, 1]);
      // padded step: state_t = state_{t−1}; valid: state_t = new state
      next = next.map((n, k) => add(states[k] as Tensor, mul(m, sub(n, states[k] as Tensor))));
      outputs[t] = mul(next[0] as Tensor, m);
    } else {
      outputs[t] = next[0] as Tensor;
    }
    states = next;
  }
  return { outputs: stack(outputs, 1), states };
}
