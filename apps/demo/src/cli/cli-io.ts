import { createInterface } from "node:readline";

/** Where a command writes: the process's streams, or buffers in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Draw progress bars (stderr is a terminal). */
  interactive: boolean;
  /** Aborted on Ctrl-C: long commands stop at the next safe point (train saves a checkpoint). */
  signal?: AbortSignal;
  /** The lines of standard input (translate run). */
  readLines?: () => AsyncIterable<string>;
}

/** The process's own streams. */
export function processIo(signal?: AbortSignal): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: process.stderr.isTTY === true,
    readLines: () => createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY }),
    ...(signal === undefined ? {} : { signal }),
  };
}
