import type { LstmTrace } from "./trace-lstm.js";

/** One LSTM cell's agreement with a feature. */
export interface CellScore {
  /** 0-based layer and unit. */
  layer: number;
  unit: number;
  /** Pearson correlation of tanh(c_t) with the feature over the text. */
  r: number;
}

/**
 * Every cell of every layer ranked by |r|, the Pearson correlation between its tanh(c_t) and the
 * feature:  r = Σ (a_t − ā)(b_t − b̄) / √(Σ (a_t − ā)² Σ (b_t − b̄)²).
 * Returns [] when the feature is constant over the text (nothing to correlate with).
 */
export function rankCells(trace: LstmTrace, feature: readonly number[]): CellScore[] {
  const T = trace.steps;
  const H = trace.hiddenSize;
  const mean = feature.reduce((s, v) => s + v, 0) / T;
  let featureVariance = 0;
  for (const v of feature) featureVariance += (v - mean) ** 2;
  if (featureVariance === 0) return [];
  const scores: CellScore[] = [];
  trace.layers.forEach((layer, l) => {
    for (let j = 0; j < H; j++) {
      let cellMean = 0;
      for (let t = 0; t < T; t++) cellMean += layer.cell[t * H + j] as number;
      cellMean /= T;
      let covariance = 0;
      let cellVariance = 0;
      for (let t = 0; t < T; t++) {
        const a = (layer.cell[t * H + j] as number) - cellMean;
        covariance += a * ((feature[t] as number) - mean);
        cellVariance += a * a;
      }
      const r = cellVariance === 0 ? 0 : covariance / Math.sqrt(cellVariance * featureVariance);
      scores.push({ layer: l, unit: j, r });
    }
  });
  return scores.sort((a, b) => Math.abs(b.r) - Math.abs(a.r));
}
