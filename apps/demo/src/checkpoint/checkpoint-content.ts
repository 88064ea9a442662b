/** A checkpoint: a JSON header (config, vocabulary, counters…) and named binary sections. */
export interface CheckpointContent {
  /** What the checkpoint holds: "char-lm", "seq2seq", "forecast". */
  kind: string;
  header: Record<string, unknown>;
  /** Binary sections, e.g. "weights" (safetensors bytes of the model) and "state". */
  sections: Record<string, Uint8Array>;
}

/**
 * The file layout (all integers little-endian):
 *   "RNNKITCP" | u32 version | u32 n | n bytes of JSON {kind, header, sections: [[name, length]…]}
 *   | the sections' bytes in that order | SHA-256 of everything before it (32 bytes)
 * The digest turns a damaged or cut-short file into an error instead of a silently wrong model.
 */
export const CHECKPOINT_FORMAT = { magic: "RNNKITCP", version: 1, digestBytes: 32 } as const;
