import { RnnkitError, shapeToString, type Tensor, zeros } from "@rnnkit/core-tensor";
import type { RecurrentCell } from "./cells/recurrent-cell.js";

export interface StepCellsOptions {
  /** Layer 0's projected input [B, G·H], computed by the caller (x is then not read). */
  projectedFirst?: Tensor;
  /** The states were made by an earlier step of the same batch size: skip checking them. */
  trustedStates?: boolean;
  /** Projected input of cell k ≥ 1 from the previous layer's output (default `projectInput`). */
  project?: (input: Tensor, layer: number) => Tensor;
  /** Applied to layer k's output before layer k + 1 reads it (dropout in training mode). */
  between?: (h: Tensor, layer: number) => Tensor;
}

/**
 * One time step through stacked cells, layer k reading the new h of layer k − 1:
 *   states_k ← cell_k.step(W_ih,k · input_k + b, states_k),  input_0 = x,  input_k = h_{k−1}.
 * x is float [B, I] or int32 indices [B] (the one-hot rows, without the product); `states` holds
 * one list per cell ([h] or [h, c], each [B, H]; default zeros). Returns the new states; the
 * intermediates belong to the caller's `tidy`. Errors name `layer`.
 */
export function stepCells(
  layer: string,
  cells: readonly RecurrentCell[],
  x: Tensor | undefined,
  states: readonly (readonly Tensor[])[] | undefined,
  options: StepCellsOptions = {},
): Tensor[][] {
  const first = cells[0] as RecurrentCell;
  let projected = options.projectedFirst;
  if (projected === undefined) {
    const input = x as Tensor;
    checkStepInput(layer, input, first.inputSize);
    projected = input.dtype === "int32" ? first.projectIndices(input) : first.projectInput(input);
  }
  const B = projected.shape[0] as number;
  let current = states;
  if (current === undefined) {
    const zero: Tensor[][] = [];
    for (const cell of cells) zero.push(zeroStates(cell, B));
    current = zero;
  } else if (options.trustedStates !== true) {
    checkStepStates(layer, cells, current, B);
  }
  const next: Tensor[][] = [];
  for (let k = 0; k < cells.length; k++) {
    const cell = cells[k] as RecurrentCell;
    if (k > 0) {
      let input = (next[k - 1] as Tensor[])[0] as Tensor;
      if (options.between !== undefined) input = options.between(input, k - 1);
      projected = options.project?.(input, k) ?? cell.projectInput(input);
    }
    next.push(cell.step(projected, current[k] as readonly Tensor[]));
  }
  return next;
}

/** Zero states [B, H] (h, and c for an LSTM) of a cell. */
function zeroStates(cell: RecurrentCell, batch: number): Tensor[] {
  const states: Tensor[] = [];
  for (let k = 0; k < cell.stateCount; k++)
    states.push(zeros([batch, cell.hiddenSize], cell.dtype));
  return states;
}

/** Checks one step's input: float [B, I] or int32 indices [B]. */
export function checkStepInput(layer: string, x: Tensor, inputSize: number): void {
  if (x.dtype === "int32") {
    if (x.rank !== 1) {
      throw new RnnkitError(
        layer,
        `step expects int32 indices [batch] or float input [batch, ${inputSize}], got int32 ${shapeToString(x.shape)}`,
      );
    }
  } else if (x.rank !== 2 || x.shape[1] !== inputSize) {
    throw new RnnkitError(
      layer,
      `step expects float input [batch, ${inputSize}] or int32 indices [batch], got ${shapeToString(x.shape)}`,
    );
  }
}

function checkStepStates(
  layer: string,
  cells: readonly RecurrentCell[],
  states: readonly (readonly Tensor[])[],
  batch: number,
): void {
  if (states.length !== cells.length) {
    throw new RnnkitError(
      layer,
      `step expects states for ${cells.length} layer(s), got ${states.length}`,
    );
  }
  for (let k = 0; k < cells.length; k++) {
    const cell = cells[k] as RecurrentCell;
    const list = states[k] as readonly Tensor[];
    if (list.length !== cell.stateCount) {
      throw new RnnkitError(
        layer,
        `layer ${k} has ${cell.stateCount} state(s) (h${cell.stateCount === 2 ? ", c" : ""}), got ${list.length}`,
      );
    }
    for (const s of list) {
      if (s.rank !== 2 || s.shape[0] !== batch || s.shape[1] !== cell.hiddenSize) {
        throw new RnnkitError(
          layer,
          `the states of layer ${k} must be [${batch},${cell.hiddenSize}], got ${shapeToString(s.shape)}`,
        );
      }
    }
  }
}
