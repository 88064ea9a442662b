import { type ParsedPairs, type ParsePairsOptions, parsePairs } from "./parse-pairs.js";

/**
 * Reads a tab-separated pair file (UTF-8) with `parsePairs`; errors name the file and the line.
 * Node only (imports node:fs when called).
 */
export async function loadPairs(
  path: string,
  options: ParsePairsOptions = {},
): Promise<ParsedPairs> {
  const { readFile } = await import("node:fs/promises");
  const text = await readFile(path, "utf8");
  return parsePairs(text, { fileName: path, ...options });
}
