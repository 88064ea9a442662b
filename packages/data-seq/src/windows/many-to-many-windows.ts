import { RnnkitError } from "@rnnkit/core-tensor";
import { checkInteger } from "../internal/check-integer.js";
import { Vocab } from "../text/vocab.js";

export interface ManyToManyWindowsOptions {
  /** T: steps per sample. */
  length: number;
  /** Steps between the starts of consecutive samples (default `length`: windows do not overlap). */
  stride?: number;
  /**
   * The index fed before the first target (default `Vocab.START`): inputs [start, x_s … x_{s+T−2}],
   * targets [x_s … x_{s+T−1}]. `false`: inputs x[s .. s+T), targets x[s+1 .. s+T+1).
   */
  start?: number | false;
}

export interface ManyToManyWindows {
  inputs: number[][];
  /** targets[i][t] is the symbol that follows inputs[i][t]: the inputs shifted by one */
  targets: number[][];
}

/**
 * N→N samples (a target at every step, the inputs shifted by one, <START> first by default).
 * @example manyToManyWindows([5, 6, 7, 8], { length: 2 }) // inputs [[1,5],[1,7]], targets [[5,6],[7,8]]
 */
export function manyToManyWindows(
  sequence: ArrayLike<number>,
  options: ManyToManyWindowsOptions,
): ManyToManyWindows {
  const where = "manyToManyWindows";
  const T = checkInteger(where, "length", options.length, 1);
  const stride = checkInteger(where, "stride", options.stride ?? T, 1);
  const start = options.start ?? Vocab.START;
  if (start !== false) checkInteger(where, "start", start, 0);
  const n = sequence.length;
  if (n === 0) throw new RnnkitError(where, "the sequence is empty");
  // with a start symbol the window reads T symbols; without, T + 1 (the last one only as a target)
  const span = start === false ? T + 1 : T;
  if (span > n) {
    throw new RnnkitError(
      where,
      `a window of length ${T} needs ${span} steps${start === false ? " (inputs + the shifted target)" : ""}, the sequence has ${n}`,
    );
  }
  const count = Math.floor((n - span) / stride) + 1;
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let i = 0; i < count; i++) {
    const s = i * stride;
    const window = Array.from({ length: span }, (_, j) => sequence[s + j] as number);
    if (start === false) {
      inputs.push(window.slice(0, T));
      targets.push(window.slice(1));
    } else {
      inputs.push([start, ...window.slice(0, T - 1)]);
      targets.push(window);
    }
  }
  return { inputs, targets };
}
