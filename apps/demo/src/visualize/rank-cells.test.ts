import { describe, expect, it } from "vitest";
import { rankCells } from "./rank-cells.js";
import type { LstmTrace } from "./trace-lstm.js";

/** A trace of T steps whose cells are given column by column (the other arrays unused). */
function traceOf(columns: number[][]): LstmTrace {
  const T = (columns[0] as number[]).length;
  const H = columns.length;
  const cell = new Float32Array(T * H);
  for (const [j, column] of columns.entries()) {
    for (const [t, v] of column.entries()) cell[t * H + j] = v;
  }
  const empty = new Float32Array(T * H);
  return {
    steps: T,
    hiddenSize: H,
    layers: [{ cell, inputGate: empty, forgetGate: empty, outputGate: empty, hidden: empty }],
    probabilities: new Float32Array(0),
  };
}

describe("rankCells", () => {
  it("ranks by |r|: a copy of the feature (r = 1), its negation (r = −1), then a weaker cell", () => {
    const feature = [0, 1, 2, 3, 4, 5];
    const trace = traceOf([
      [0.3, 0.1, 0.3, 0.1, 0.3, 0.1], // by hand: Σ(a−ā)(b−b̄) = −0.3, Σ(b−b̄)² = 17.5, Σ(a−ā)² = 0.06: r = −0.3/√1.05 ≈ −0.29
      feature.map((v) => v / 10), // r = 1
      feature.map((v) => -v / 10 + 0.2), // r = −1
    ]);
    const ranked = rankCells(trace, feature);
    // |r| = 1 for both (in float32 either may come first), then the weak cell
    expect(new Set(ranked.slice(0, 2).map((s) => s.unit))).toEqual(new Set([1, 2]));
    expect(ranked[2]?.unit).toBe(0);
    const r = Object.fromEntries(ranked.map((s) => [s.unit, s.r]));
    expect(r[1]).toBeCloseTo(1, 5);
    expect(r[2]).toBeCloseTo(-1, 5);
    expect(r[0]).toBeCloseTo(-0.3 / Math.sqrt(1.05), 5);
  });

  it("a constant feature ranks nothing", () => {
    expect(rankCells(traceOf([[0.1, 0.2, 0.3]]), [2, 2, 2])).toEqual([]);
  });
});
