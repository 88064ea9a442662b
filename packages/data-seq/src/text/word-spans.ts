/** A token and where it starts in the text, counted in code points (not UTF-16 units). */
export interface WordSpan {
  token: string;
  start: number;
}

// A word: letters, digits and combining marks, with inner apostrophes ("don't", "l’eau"). Any
// other non-space code point (punctuation, symbols, emoji) is a token of its own.
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*|\S/gu;

/** The word-level tokens of `text` with their start positions; whitespace separates and is dropped. */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  let unitOffset = 0;
  let codePointOffset = 0;
  for (const match of text.matchAll(TOKEN)) {
    // advance the code-point count over the skipped text
    for (const _ of text.slice(unitOffset, match.index)) codePointOffset++;
    unitOffset = match.index;
    spans.push({ token: match[0], start: codePointOffset });
  }
  return spans;
}
