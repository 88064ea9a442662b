import { RnnkitError } from "@rnnkit/core-tensor";
import { checkInteger } from "../internal/check-integer.js";

export interface ManyToOneWindowsOptions {
  /** N: inputs per sample. */
  length: number;
  /** Steps between the starts of consecutive samples (default 1). */
  stride?: number;
}

export interface ManyToOneWindows<T> {
  /** inputs[i] = sequence[s .. s+N), s = i·stride */
  inputs: T[][];
  /** targets[i] = sequence[s+N]: the symbol after the window */
  targets: T[];
}

/**
 * N→1 samples: inputs x[t−N .. t−1], target x[t], for t = N, N+stride, … ≤ n−1.
 * @example manyToOneWindows([1, 2, 3, 4], { length: 2 }) // inputs [[1,2],[2,3]], targets [3,4]
 */
export function manyToOneWindows<T>(
  sequence: ArrayLike<T>,
  options: ManyToOneWindowsOptions,
): ManyToOneWindows<T> {
  const where = "manyToOneWindows";
  const N = checkInteger(where, "length", options.length, 1);
  const stride = checkInteger(where, "stride", options.stride ?? 1, 1);
  const n = sequence.length;
  if (n === 0) throw new RnnkitError(where, "the sequence is empty");
  if (N + 1 > n) {
    throw new RnnkitError(
      where,
      `a window of ${N} inputs + 1 target needs ${N + 1} steps, the sequence has ${n}`,
    );
  }
  const count = Math.floor((n - 1 - N) / stride) + 1;
  const inputs: T[][] = [];
  const targets: T[] = [];
  for (let i = 0; i < count; i++) {
    const s = i * stride;
    inputs.push(Array.from({ length: N }, (_, j) => sequence[s + j] as T));
    targets.push(sequence[s + N] as T);
  }
  return { inputs, targets };
}
