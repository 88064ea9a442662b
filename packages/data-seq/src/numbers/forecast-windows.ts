import { RnnkitError } from "@rnnkit/core-tensor";
import { checkInteger } from "../internal/check-integer.js";

export interface ForecastWindowsOptions {
  /** N: past values per sample. */
  inputLength: number;
  /** H: future values to predict (default 1: one-step forecasting). */
  horizon?: number;
  /** Steps between the starts of consecutive samples (default 1). */
  stride?: number;
}

export interface ForecastWindows {
  /** [S][N]: inputs[i] = series[s .. s+N), s = i·stride */
  inputs: number[][];
  /** [S][H]: targets[i] = series[s+N .. s+N+H) */
  targets: number[][];
}

/**
 * Time-series windows for one-step (horizon 1) or multi-step (horizon H) forecasting. For a model
 * input [S, N, 1]: `reshape(tensor(w.inputs), [S, N, 1])`.
 * @example forecastWindows([1, 2, 3, 4, 5], { inputLength: 2, horizon: 2 })
 * // inputs [[1,2],[2,3]], targets [[3,4],[4,5]]
 */
export function forecastWindows(
  series: ArrayLike<number>,
  options: ForecastWindowsOptions,
): ForecastWindows {
  const where = "forecastWindows";
  const N = checkInteger(where, "inputLength", options.inputLength, 1);
  const H = checkInteger(where, "horizon", options.horizon ?? 1, 1);
  const stride = checkInteger(where, "stride", options.stride ?? 1, 1);
  const n = series.length;
  if (n === 0) throw new RnnkitError(where, "the series is empty");
  if (N + H > n) {
    throw new RnnkitError(
      where,
      `a window of ${N} inputs + ${H} targets needs ${N + H} values, the series has ${n}`,
    );
  }
  for (let i = 0; i < n; i++) {
    const v = series[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RnnkitError(where, `series[${i}] is ${String(v)}, not a finite number`);
    }
  }
  const count = Math.floor((n - N - H) / stride) + 1;
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let i = 0; i < count; i++) {
    const s = i * stride;
    inputs.push(Array.from({ length: N }, (_, j) => series[s + j] as number));
    targets.push(Array.from({ length: H }, (_, j) => series[s + N + j] as number));
  }
  return { inputs, targets };
}
