import { RnnkitError } from "@rnnkit/core-tensor";
import { checkInteger } from "../internal/check-integer.js";

export interface ContiguousStreamsOptions {
  /** B: parallel streams (rows of every chunk). */
  batchSize: number;
  /** T: steps per chunk (the truncated-BPTT length). */
  length: number;
}

/** One chunk: rows are streams, columns time steps; targets are the inputs shifted by one. */
export interface StreamChunk {
  /** [B][T] */
  inputs: number[][];
  /** [B][T]: targets[b][t] is the symbol after inputs[b][t] in the corpus */
  targets: number[][];
}

export interface ContiguousStreams {
  batchSize: number;
  length: number;
  /** Chunks per stream (K). */
  numChunks: number;
  /** L = K·T: steps per stream. */
  streamLength: number;
  /** offsets[b] = b·L: where stream b starts in the sequence. */
  offsets: number[];
  /** Steps at the end of the sequence left out so every stream has K whole chunks. */
  dropped: number;
  chunks: StreamChunk[];
}

/**
 * Cuts a sequence into B contiguous streams (row b reads x[b·L .. (b+1)·L)), each cut into K
 * chunks of T steps, for truncated BPTT: the state after chunk k of row b continues in chunk k+1
 * of the same row, as in char-rnn's minibatch loader. With n symbols there are n − 1
 * (input, target) pairs, L = ⌊(n − 1) / (B·T)⌋·T, and the last n − 1 − B·L pairs are dropped.
 * @example contiguousStreams([0, 1, 2, 3, 4, 5, 6, 7, 8], { batchSize: 2, length: 2 })
 * // chunk 0 inputs [[0,1],[4,5]], chunk 1 inputs [[2,3],[6,7]]; targets +1
 */
export function contiguousStreams(
  sequence: ArrayLike<number>,
  options: ContiguousStreamsOptions,
): ContiguousStreams {
  const where = "contiguousStreams";
  const B = checkInteger(where, "batchSize", options.batchSize, 1);
  const T = checkInteger(where, "length", options.length, 1);
  const n = sequence.length;
  if (n === 0) throw new RnnkitError(where, "the sequence is empty");
  const pairs = n - 1;
  if (T > pairs) {
    throw new RnnkitError(
      where,
      `chunk length ${T} is longer than the data: ${n} steps give ${pairs} input/target pairs`,
    );
  }
  const K = Math.floor(pairs / (B * T));
  if (K === 0) {
    throw new RnnkitError(
      where,
      `batch of ${B} streams is larger than the data allows: ${pairs} input/target pairs in ${B} streams give ${Math.floor(pairs / B)} steps per stream, fewer than one chunk of ${T}; use batchSize ≤ ${Math.floor(pairs / T)}`,
    );
  }
  const L = K * T;
  const chunks: StreamChunk[] = [];
  for (let k = 0; k < K; k++) {
    const inputs: number[][] = [];
    const targets: number[][] = [];
    for (let b = 0; b < B; b++) {
      const s = b * L + k * T;
      const row = Array.from({ length: T + 1 }, (_, j) => sequence[s + j] as number);
      inputs.push(row.slice(0, T));
      targets.push(row.slice(1));
    }
    chunks.push({ inputs, targets });
  }
  return {
    batchSize: B,
    length: T,
    numChunks: K,
    streamLength: L,
    offsets: Array.from({ length: B }, (_, b) => b * L),
    dropped: pairs - B * L,
    chunks,
  };
}
