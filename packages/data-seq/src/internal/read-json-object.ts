import { RnnkitError } from "@rnnkit/core-tensor";

/**
 * Parses saved JSON (text or an already parsed value) and checks its `format` and `version`;
 * corrupt text or another format or version is a clear error.
 */
export function readJsonObject(
  where: string,
  json: unknown,
  format: string,
  version: number,
): Record<string, unknown> {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new RnnkitError(where, `not valid JSON (${(error as Error).message})`);
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
    throw new RnnkitError(where, `expected a "${format}" object, got ${got}`);
  }
  const record = value as Record<string, unknown>;
  if (record.format !== format) {
    throw new RnnkitError(
      where,
      `expected format "${format}", got ${JSON.stringify(record.format) ?? "none"}`,
    );
  }
  if (record.version !== version) {
    throw new RnnkitError(
      where,
      `unsupported version ${JSON.stringify(record.version) ?? "(missing)"}; this build reads version ${version}`,
    );
  }
  return record;
}
