import { dispose } from "@rnnkit/core-tensor";
import { padBatch, type Vocab } from "@rnnkit/data-seq";
import { beamSearch, greedyDecode, type Seq2Seq } from "@rnnkit/seq2seq";

/**
 * Translates source texts in batches of 64: greedy decoding (beam 1) or beam search; unknown
 * source symbols are read as <UNK>. Returns the decoded target texts.
 */
export function translateTexts(
  model: Seq2Seq,
  vocabs: { source: Vocab; target: Vocab },
  sources: readonly string[],
  options: { beam: number; maxLength: number },
): string[] {
  const out: string[] = [];
  for (let start = 0; start < sources.length; start += 64) {
    const chunk = sources.slice(start, start + 64).map((s) => {
      const encoded = vocabs.source.encode(s, { unknown: "unk" });
      return encoded.length === 0 ? [vocabs.source.indexOf(" ") ?? 3] : encoded;
    });
    const { indices, mask } = padBatch(chunk);
    try {
      const tokens =
        options.beam <= 1
          ? greedyDecode(model, indices, mask, { maxLength: options.maxLength }).map(
              (h) => h.tokens,
            )
          : beamSearch(model, indices, mask, {
              maxLength: options.maxLength,
              beamWidth: options.beam,
            }).best.map((h) => h.tokens);
      for (const t of tokens) out.push(vocabs.target.decode(t));
    } finally {
      dispose([indices, mask]);
    }
  }
  return out;
}
