import { RnnkitError } from "@rnnkit/core-tensor";
import { CliError } from "./cli-error.js";

/**
 * One line for any error: a `CliError` or `RnnkitError` says what went wrong in its message; a
 * system error (ENOENT, EACCES, …) names the file; anything else is marked "internal error".
 * Set RNNKIT_DEBUG=1 to see stacks.
 */
export function errorLine(command: string, error: unknown): string {
  const prefix = command === "" ? "rnnkit" : `rnnkit ${command}`;
  if (error instanceof CliError || error instanceof RnnkitError) {
    return `${prefix}: ${oneLine(error.message)}`;
  }
  const system = error as NodeJS.ErrnoException;
  if (error instanceof Error && typeof system.code === "string" && system.path !== undefined) {
    const reason: Record<string, string> = {
      ENOENT: "no such file or directory",
      EACCES: "permission denied",
      EISDIR: "is a directory",
      ENOTDIR: "not a directory",
      ENOSPC: "no space left on the device",
    };
    return `${prefix}: ${system.path}: ${reason[system.code] ?? oneLine(error.message)}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `${prefix}: internal error: ${oneLine(message)}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
