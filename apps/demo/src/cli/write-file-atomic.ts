import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Writes `bytes` to `path` so that a reader (or a process killed at any instant) sees either the
 * old file or the whole new one, never a part: write a temporary file in the same directory,
 * fsync it, rename it over the target (atomic on POSIX), then fsync the directory so the rename
 * itself survives a crash.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const directory = dirname(path);
  const temporary = join(directory, `.${basename(path)}.${process.pid}.tmp`);
  let fd = openSync(temporary, "w", 0o644);
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, path);
  fd = openSync(directory, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
