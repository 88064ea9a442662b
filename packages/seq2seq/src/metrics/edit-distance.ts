import { symbolsOf } from "./symbols-of.js";

/**
 * Levenshtein distance: the fewest insertions, deletions and substitutions turning `a` into `b`.
 * Strings are compared by code point, arrays element by element (===). Dynamic programming,
 * O(|a|·|b|) time, O(|b|) memory:
 *   d[i][j] = min(d[i−1][j] + 1, d[i][j−1] + 1, d[i−1][j−1] + [a_i ≠ b_j])
 * @example editDistance("kitten", "sitting") // 3
 */
export function editDistance<T>(a: string | readonly T[], b: string | readonly T[]): number {
  const x = symbolsOf(a);
  const y = symbolsOf(b);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j); // d[0][j] = j
  for (let i = 1; i <= x.length; i++) {
    const current = [i]; // d[i][0] = i
    for (let j = 1; j <= y.length; j++) {
      const substitution = (previous[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1);
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        substitution,
      );
    }
    previous = current;
  }
  return previous[y.length] as number;
}
