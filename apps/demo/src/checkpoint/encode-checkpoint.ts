import { createHash } from "node:crypto";
import { CHECKPOINT_FORMAT, type CheckpointContent } from "./checkpoint-content.js";

/** The bytes of a checkpoint file (layout: see CHECKPOINT_FORMAT). */
export function encodeCheckpoint(content: CheckpointContent): Uint8Array {
  const sectionList = Object.entries(content.sections).map(([name, bytes]) => [name, bytes.length]);
  const json = new TextEncoder().encode(
    JSON.stringify({ kind: content.kind, header: content.header, sections: sectionList }),
  );
  const bodyLength = Object.values(content.sections).reduce((n, bytes) => n + bytes.length, 0);
  const out = new Uint8Array(16 + json.length + bodyLength + CHECKPOINT_FORMAT.digestBytes);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(CHECKPOINT_FORMAT.magic), 0);
  view.setUint32(8, CHECKPOINT_FORMAT.version, true);
  view.setUint32(12, json.length, true);
  out.set(json, 16);
  let offset = 16 + json.length;
  for (const bytes of Object.values(content.sections)) {
    out.set(bytes, offset);
    offset += bytes.length;
  }
  out.set(createHash("sha256").update(out.subarray(0, offset)).digest(), offset);
  return out;
}
