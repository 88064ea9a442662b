/** σ(x) = 1 / (1 + e^−x), evaluated so that e^|x| never overflows (finite for ±1e308). */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
