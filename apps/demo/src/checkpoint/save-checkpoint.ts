import { writeFileAtomic } from "../cli/write-file-atomic.js";
import type { CheckpointContent } from "./checkpoint-content.js";
import { encodeCheckpoint } from "./encode-checkpoint.js";

/** Writes a checkpoint atomically: a reader or a crash sees the old file or the new one, whole. */
export function saveCheckpoint(path: string, content: CheckpointContent): void {
  writeFileAtomic(path, encodeCheckpoint(content));
}
