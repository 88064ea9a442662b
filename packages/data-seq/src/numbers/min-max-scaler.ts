import { RnnkitError } from "@rnnkit/core-tensor";
import { readJsonObject } from "../internal/read-json-object.js";
import { checkSeries } from "./check-series.js";

export interface MinMaxScalerOptions {
  /** [a, b], a < b: where min and max of the fitted values land (default [0, 1]). */
  range?: readonly [number, number];
}

export interface MinMaxScalerJson {
  format: "rnnkit-min-max-scaler";
  version: 1;
  min: number;
  max: number;
  range: [number, number];
}

/**
 * Min–max normalization, fitted on the training values only and then applied to every split:
 *   y = a + (x − min)·(b − a) / (max − min),   x = min + (y − a)·(max − min) / (b − a)
 * Values outside the fitted [min, max] (e.g. in validation) land outside [a, b]. A constant
 * series (max = min) only shifts: y = a + (x − min).
 * @example MinMaxScaler.fit([2, 4, 6]).transform([2, 5]) // [0, 0.75]
 */
export class MinMaxScaler {
  readonly min: number;
  readonly max: number;
  readonly range: readonly [number, number];

  constructor(min: number, max: number, options: MinMaxScalerOptions = {}) {
    const range = options.range ?? [0, 1];
    const [a, b] = range;
    if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) {
      throw new RnnkitError("MinMaxScaler", `needs finite min ≤ max, got min ${min}, max ${max}`);
    }
    if (!Array.isArray(range) || !Number.isFinite(a) || !Number.isFinite(b) || !(a < b)) {
      throw new RnnkitError(
        "MinMaxScaler",
        `range must be [a, b] with a < b, got ${JSON.stringify(range)}`,
      );
    }
    this.min = min + 0; // −0 → 0, as JSON saves it
    this.max = max + 0;
    this.range = [a, b];
  }

  static fit(values: ArrayLike<number>, options: MinMaxScalerOptions = {}): MinMaxScaler {
    checkSeries("MinMaxScaler.fit", values);
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < values.length; i++) {
      const x = values[i] as number;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    return new MinMaxScaler(min, max, options);
  }

  static fromJSON(json: unknown): MinMaxScaler {
    const value = readJsonObject("MinMaxScaler.fromJSON", json, "rnnkit-min-max-scaler", 1);
    return new MinMaxScaler(value.min as number, value.max as number, {
      range: value.range as [number, number],
    });
  }

  /** y = a + (x − min) / (max − min) · (b − a)   (divided first: max − min may be tiny) */
  transform(values: ArrayLike<number>): number[] {
    const [a, b] = this.range;
    const span = this.max - this.min;
    return Array.from(values, (x) =>
      span > 0 ? a + ((x - this.min) / span) * (b - a) : a + (x - this.min),
    );
  }

  /** x = min + (y − a) / (b − a) · (max − min) */
  inverse(values: ArrayLike<number>): number[] {
    const [a, b] = this.range;
    const span = this.max - this.min;
    return Array.from(values, (y) =>
      span > 0 ? this.min + ((y - a) / (b - a)) * span : this.min + (y - a),
    );
  }

  toJSON(): MinMaxScalerJson {
    return {
      format: "rnnkit-min-max-scaler",
      version: 1,
      min: this.min,
      max: this.max,
      range: [this.range[0], this.range[1]],
    };
  }
}
