import { RnnkitError } from "@rnnkit/core-tensor";
import { checkPairs } from "./check-pairs.js";

export type BleuToken = string | number;

export interface CorpusBleuOptions {
  /** Largest n-gram N (default 4); the weights are uniform, w_n = 1/N. */
  maxOrder?: number;
  /**
   * "none" (default, Papineni et al.): a zero n-gram precision makes BLEU 0. "add-one": p_n =
   * (m_n + 1) / (l_n + 1) for n > 1 (Lin & Och 2004), for short texts.
   */
  smoothing?: "none" | "add-one";
}

export interface CorpusBleu {
  /** In [0, 1]. */
  bleu: number;
  /** p_1 … p_N: clipped matches / candidate n-grams, summed over the corpus (before smoothing). */
  precisions: number[];
  /** BP = 1 if c > r, else exp(1 − r/c). */
  brevityPenalty: number;
  /** c: total candidate length. */
  candidateLength: number;
  /** r: total effective reference length (per sentence the reference length closest to the candidate's, the shorter on ties). */
  referenceLength: number;
}

/**
 * Corpus BLEU (Papineni et al. 2002) on tokenized text:
 *   p_n  = Σ_sentences Σ_g min(count_cand(g), max_ref count_ref(g)) / Σ_sentences Σ_g count_cand(g)
 *   BP   = 1 if c > r else exp(1 − r/c)
 *   BLEU = BP · exp(Σ_{n=1..N} (1/N) log p_n)
 * Sums are over the whole corpus (not a mean of sentence scores), as in NLTK's corpus_bleu and
 * sacreBLEU. `references[i]` is one token array or an array of several.
 * @example corpusBleu([["the", "cat", "sat"]], [["the", "cat", "sat"]], { maxOrder: 2 }).bleu // 1
 */
export function corpusBleu(
  candidates: readonly (readonly BleuToken[])[],
  references: readonly (readonly BleuToken[] | readonly (readonly BleuToken[])[])[],
  options: CorpusBleuOptions = {},
): CorpusBleu {
  const where = "corpusBleu";
  checkPairs(where, candidates, references);
  const N = options.maxOrder ?? 4;
  if (!Number.isInteger(N) || N < 1) {
    throw new RnnkitError(where, `maxOrder must be a positive integer, got ${String(N)}`);
  }
  const smoothing = options.smoothing ?? "none";
  if (smoothing !== "none" && smoothing !== "add-one") {
    throw new RnnkitError(where, `smoothing must be "none" or "add-one", got ${String(smoothing)}`);
  }
  const matches = new Array<number>(N).fill(0);
  const totals = new Array<number>(N).fill(0);
  let c = 0;
  let r = 0;
  candidates.forEach((candidate, i) => {
    const entry = references[i] as readonly BleuToken[] | readonly (readonly BleuToken[])[];
    const refs = (
      entry.length > 0 && Array.isArray(entry[0]) ? entry : [entry]
    ) as readonly (readonly BleuToken[])[];
    if (!Array.isArray(candidate)) {
      throw new RnnkitError(
        where,
        `candidate ${i} must be an array of tokens, got ${typeof candidate}`,
      );
    }
    c += candidate.length;
    // effective reference length: the closest to the candidate's, the shorter on a tie
    let closest = refs[0]?.length ?? 0;
    for (const ref of refs) {
      const d = Math.abs(ref.length - candidate.length);
      const best = Math.abs(closest - candidate.length);
      if (d < best || (d === best && ref.length < closest)) closest = ref.length;
    }
    r += closest;
    for (let n = 1; n <= N; n++) {
      const counts = ngramCounts(candidate, n);
      const maxRef = new Map<string, number>();
      for (const ref of refs) {
        for (const [g, k] of ngramCounts(ref, n)) maxRef.set(g, Math.max(maxRef.get(g) ?? 0, k));
      }
      for (const [g, k] of counts) {
        matches[n - 1] = (matches[n - 1] as number) + Math.min(k, maxRef.get(g) ?? 0); // clipped count
        totals[n - 1] = (totals[n - 1] as number) + k;
      }
    }
  });
  const precisions = matches.map((m, n) => (totals[n] === 0 ? 0 : m / (totals[n] as number)));
  const brevityPenalty = c === 0 ? 0 : c > r ? 1 : Math.exp(1 - r / c); // BP
  let logSum = 0;
  for (let n = 0; n < N; n++) {
    const m = matches[n] as number;
    const l = totals[n] as number;
    const p = smoothing === "add-one" && n > 0 ? (m + 1) / (l + 1) : l === 0 ? 0 : m / l;
    if (p === 0)
      return { bleu: 0, precisions, brevityPenalty, candidateLength: c, referenceLength: r };
    logSum += Math.log(p) / N; // Σ w_n log p_n
  }
  return {
    bleu: brevityPenalty * Math.exp(logSum),
    precisions,
    brevityPenalty,
    candidateLength: c,
    referenceLength: r,
  };
}

function ngramCounts(tokens: readonly BleuToken[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = JSON.stringify(tokens.slice(i, i + n));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
