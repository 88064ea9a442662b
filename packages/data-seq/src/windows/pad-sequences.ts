import { RnnkitError } from "@rnnkit/core-tensor";
import { checkInteger } from "../internal/check-integer.js";
import { Vocab } from "../text/vocab.js";

export interface PadSequencesOptions {
  /** Value written after a sequence's end (default `Vocab.PAD` = 0). */
  padValue?: number;
  /** T (default: the longest sequence). A longer sequence is an error. */
  length?: number;
}

export interface PaddedSequences {
  /** [B][T]: each sequence followed by padValue */
  values: number[][];
  /** [B][T]: 1 at the sequence's steps, 0 at padding */
  mask: number[][];
  /** The original lengths. */
  lengths: number[];
}

/**
 * Pads sequences of different lengths at the end to a common length T, with a 1/0 mask.
 * @example padSequences([[5, 6, 7], [8]]) // values [[5,6,7],[8,0,0]], mask [[1,1,1],[1,0,0]]
 */
export function padSequences(
  sequences: readonly ArrayLike<number>[],
  options: PadSequencesOptions = {},
): PaddedSequences {
  const where = "padSequences";
  const padValue = options.padValue ?? Vocab.PAD;
  if (typeof padValue !== "number" || Number.isNaN(padValue)) {
    throw new RnnkitError(where, `padValue must be a number, got ${String(padValue)}`);
  }
  if (sequences.length === 0) throw new RnnkitError(where, "no sequences given");
  const lengths = sequences.map((s) => s.length);
  const longest = Math.max(...lengths);
  const T =
    options.length === undefined ? longest : checkInteger(where, "length", options.length, 1);
  if (T === 0) throw new RnnkitError(where, "every sequence is empty");
  const tooLong = lengths.findIndex((l) => l > T);
  if (tooLong >= 0) {
    throw new RnnkitError(
      where,
      `sequence ${tooLong} has ${lengths[tooLong]} steps, longer than length ${T}`,
    );
  }
  const values = sequences.map((s) =>
    Array.from({ length: T }, (_, t) => (t < s.length ? (s[t] as number) : padValue)),
  );
  const mask = lengths.map((l) => Array.from({ length: T }, (_, t) => (t < l ? 1 : 0)));
  return { values, mask, lengths };
}
