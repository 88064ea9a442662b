import { readdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Removes temporary files that `writeFileAtomic(path)` left behind when its process was killed
 * mid-write (`.<name>.<pid>.tmp` whose process no longer runs).
 */
export function removeStaleTemporaries(path: string): void {
  const directory = dirname(path);
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const pid = Number(name.slice(prefix.length, -4));
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) {
      rmSync(join(directory, name), { force: true });
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
