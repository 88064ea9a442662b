import {
  dispose,
  keep,
  RnnkitError,
  shapeToString,
  Tensor,
  type Variable,
  variableGrads,
} from "@rnnkit/core-tensor";
import { clipGradNorm } from "./clip-grad-norm.js";
import { detachState } from "./detach-state.js";
import { gradNorm } from "./grad-norm.js";
import type { Optimizer } from "./optimizer.js";

/** What `trainBptt` reports after each optimizer step. */
export interface BpttProgress {
  /** 1 for the first chunk. */
  step: number;
  /** The chunk's scalar loss. */
  loss: number;
  /** Global L2 norm of the chunk's gradients, before clipping. */
  gradNorm: number;
  /** The learning rate the step used. */
  learningRate: number;
}

export interface TrainBpttOptions<S> {
  /** State given to the first chunk (default undefined: the loss function starts from zeros). */
  initialState?: S;
  /** Clip the global gradient norm to this value before each step (clipGradNorm). */
  clipNorm?: number;
  /** Called after each step (e.g. to log, or to advance a learning-rate schedule). */
  onStep?: (progress: BpttProgress) => void;
  /** The variables to train (default: the optimizer's parameters). */
  variables?: readonly Variable[];
}

export interface TrainBpttResult<S> {
  /** The state after the last chunk, detached (the caller disposes it). */
  state: S | undefined;
  losses: number[];
  gradNorms: number[];
}

/** Runs the model over one chunk from a carried state; returns the chunk's loss and final state. */
export type BpttLossFunction<C, S> = (chunk: C, state: S | undefined) => { loss: Tensor; state: S };

/**
 * Backpropagation through time over a stream cut into chunks. For each chunk: loss and gradients
 * (variableGrads), optional clipping, one optimizer step; the chunk's final state is carried into
 * the next chunk detached, so gradients stop at the chunk boundary:
 *   full BPTT      = one chunk holding the whole sequence
 *   truncated BPTT = chunks of k steps; forward, the state is the same as in one long unroll.
 */
export function trainBptt<C, S>(
  lossFunction: BpttLossFunction<C, S>,
  chunks: Iterable<C>,
  optimizer: Optimizer,
  options: TrainBpttOptions<S> = {},
): TrainBpttResult<S> {
  const variables = options.variables ?? optimizer.params;
  const losses: number[] = [];
  const gradNorms: number[] = [];
  let carried = options.initialState;
  let ownsCarried = false; // the initial state is the caller's
  for (const chunk of chunks) {
    let kept: S | undefined;
    const { value, grads } = variableGrads(() => {
      const out = lossFunction(chunk, carried);
      if (!(out?.loss instanceof Tensor) || out.loss.size !== 1) {
        throw new RnnkitError(
          "trainBptt",
          `the loss function must return { loss, state } with a one-element loss, got ${out?.loss instanceof Tensor ? shapeToString(out.loss.shape) : typeof out?.loss}`,
        );
      }
      // Cut from the tape here, and survive variableGrads' tidy.
      kept = detachState(out.state);
      forEachTensor(kept, (t) => keep(t));
      return out.loss;
    }, variables);
    const loss = value.dataSync()[0] as number;
    value.dispose();
    const learningRate = optimizer.learningRate;
    let norm: number;
    try {
      norm =
        options.clipNorm === undefined ? gradNorm(grads) : clipGradNorm(grads, options.clipNorm);
      optimizer.step(grads);
    } finally {
      dispose([...grads.values()]);
    }
    // Hand the state on as ordinary (not kept) tensors of the caller's scope.
    const next = detachState(kept);
    dispose(kept);
    if (ownsCarried) dispose(carried);
    carried = next;
    ownsCarried = true;
    losses.push(loss);
    gradNorms.push(norm);
    options.onStep?.({ step: losses.length, loss, gradNorm: norm, learningRate });
  }
  return { state: carried, losses, gradNorms };
}

function forEachTensor(value: unknown, fn: (t: Tensor) => void): void {
  if (value instanceof Tensor) fn(value);
  else if (Array.isArray(value)) for (const v of value) forEachTensor(v, fn);
  else if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) forEachTensor(v, fn);
  }
}
