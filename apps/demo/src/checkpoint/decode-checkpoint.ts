import { createHash } from "node:crypto";
import { CliError } from "../cli/cli-error.js";
import { CHECKPOINT_FORMAT, type CheckpointContent } from "./checkpoint-content.js";

/** Reads and verifies checkpoint bytes; `path` names the file in errors. */
export function decodeCheckpoint(bytes: Uint8Array, path: string): CheckpointContent {
  const { magic, version, digestBytes } = CHECKPOINT_FORMAT;
  const hasMagic = bytes.length >= 8 && new TextDecoder().decode(bytes.subarray(0, 8)) === magic;
  if (!hasMagic) throw new CliError(`${path} is not an rnnkit checkpoint`);
  if (bytes.length < 16 + digestBytes) throw corrupt(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fileVersion = view.getUint32(8, true);
  if (fileVersion !== version) {
    throw new CliError(
      `${path} is checkpoint format version ${fileVersion}; this rnnkit reads version ${version}`,
    );
  }
  const end = bytes.length - digestBytes;
  const digest = createHash("sha256").update(bytes.subarray(0, end)).digest();
  if (!digest.equals(bytes.subarray(end))) throw corrupt(path);
  const jsonLength = view.getUint32(12, true);
  let parsed: { kind: string; header: Record<string, unknown>; sections: [string, number][] };
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + jsonLength)));
  } catch {
    throw corrupt(path);
  }
  const sections: Record<string, Uint8Array> = {};
  let offset = 16 + jsonLength;
  for (const [name, length] of parsed.sections) {
    sections[name] = bytes.subarray(offset, offset + length);
    offset += length;
  }
  if (offset !== end) throw corrupt(path);
  return { kind: parsed.kind, header: parsed.header, sections };
}

function corrupt(path: string): CliError {
  return new CliError(
    `${path} is corrupt (checksum mismatch: the file was damaged or cut short); it was left as it is`,
  );
}
