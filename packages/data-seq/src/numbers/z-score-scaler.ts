import { RnnkitError } from "@rnnkit/core-tensor";
import { readJsonObject } from "../internal/read-json-object.js";
import { checkSeries } from "./check-series.js";

export interface ZScoreScalerJson {
  format: "rnnkit-z-score-scaler";
  version: 1;
  mean: number;
  std: number;
}

/**
 * z-score normalization, fitted on the training values only and then applied to every split:
 *   z = (x − μ) / σ,   x = z·σ + μ      (μ, σ: mean and population std of the fitted values)
 * A constant series (σ = 0) gets σ = 1, so it only shifts.
 * @example const scaler = ZScoreScaler.fit(train); scaler.inverse(scaler.transform(x)) // ≈ x
 */
export class ZScoreScaler {
  readonly mean: number;
  readonly std: number;

  constructor(mean: number, std: number) {
    if (!Number.isFinite(mean) || !Number.isFinite(std) || std <= 0) {
      throw new RnnkitError(
        "ZScoreScaler",
        `needs a finite mean and a positive std, got mean ${mean}, std ${std}`,
      );
    }
    this.mean = mean;
    this.std = std;
  }

  static fit(values: ArrayLike<number>): ZScoreScaler {
    checkSeries("ZScoreScaler.fit", values);
    const n = values.length;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i] as number;
    const mean = sum / n; // μ = Σx / n
    let squares = 0;
    for (let i = 0; i < n; i++) squares += ((values[i] as number) - mean) ** 2;
    const std = Math.sqrt(squares / n); // σ = √(Σ(x − μ)² / n)
    return new ZScoreScaler(mean, std > 0 ? std : 1);
  }

  static fromJSON(json: unknown): ZScoreScaler {
    const value = readJsonObject("ZScoreScaler.fromJSON", json, "rnnkit-z-score-scaler", 1);
    return new ZScoreScaler(value.mean as number, value.std as number);
  }

  /** z = (x − μ) / σ */
  transform(values: ArrayLike<number>): number[] {
    return Array.from(values, (x) => (x - this.mean) / this.std);
  }

  /** x = z·σ + μ */
  inverse(values: ArrayLike<number>): number[] {
    return Array.from(values, (z) => z * this.std + this.mean);
  }

  toJSON(): ZScoreScalerJson {
    return { format: "rnnkit-z-score-scaler", version: 1, mean: this.mean, std: this.std };
  }
}
