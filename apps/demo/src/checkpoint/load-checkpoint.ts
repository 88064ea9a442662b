import { readFileSync } from "node:fs";
import { CliError } from "../cli/cli-error.js";
import type { CheckpointContent } from "./checkpoint-content.js";
import { decodeCheckpoint } from "./decode-checkpoint.js";

/**
 * Reads a checkpoint and checks that it holds `kind`; `command` names who needs it in the error
 * ("… holds a seq2seq model; rnnkit sample needs a char-lm checkpoint").
 */
export function loadCheckpoint(path: string, kind: string, command: string): CheckpointContent {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliError(`checkpoint ${path} does not exist`);
    if (code === "EISDIR") throw new CliError(`checkpoint ${path} is a directory, not a file`);
    throw error;
  }
  const content = decodeCheckpoint(bytes, path);
  if (content.kind !== kind) {
    throw new CliError(
      `${path} holds a ${content.kind} model; rnnkit ${command} needs a ${kind} checkpoint`,
    );
  }
  return content;
}
