import { wordSpans } from "./word-spans.js";

/**
 * Word-level tokenizer: runs of letters, digits and combining marks (with inner apostrophes) are
 * words; every other non-space code point is a token of its own; whitespace is dropped.
 * @example tokenizeWords("Don't stop, Zoë!") // ["Don't", "stop", ",", "Zoë", "!"]
 */
export function tokenizeWords(text: string): string[] {
  return wordSpans(text).map((span) => span.token);
}
