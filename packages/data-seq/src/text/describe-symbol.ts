const ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "'": "\\'" };

function printable(text: string): string {
  let out = "";
  for (const c of text) {
    const code = c.codePointAt(0) as number;
    if (ESCAPES[c] !== undefined) out += ESCAPES[c];
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) {
      out += `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
    } else out += c;
  }
  return out;
}

/**
 * Names a symbol for error messages: one code point as `U+00E9 'é'` (control characters escaped,
 * `U+000A '\n'`), a longer token (a word) as `'héllo'`.
 * @example describeSymbol("é") // "U+00E9 'é'"
 */
export function describeSymbol(symbol: string): string {
  const codePoints = Array.from(symbol);
  if (codePoints.length === 1) {
    const code = symbol.codePointAt(0) as number;
    return `U+${code.toString(16).toUpperCase().padStart(4, "0")} '${printable(symbol)}'`;
  }
  return `'${printable(symbol)}'`;
}
