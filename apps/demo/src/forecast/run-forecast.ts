import { Rng, tensor, tidy, variableGrads } from "@rnnkit/core-tensor";
import { batchIndices, forecastWindows, ZScoreScaler } from "@rnnkit/data-seq";
import { meanSquaredError } from "@rnnkit/losses";
import { Adam, clipGradNorm } from "@rnnkit/optim";
import { CliError } from "../cli/cli-error.js";
import type { CellType } from "../lm/char-model-config.js";
import { type ForecastMode, ForecastModel } from "./forecast-model.js";

export interface ForecastOptions {
  mode: ForecastMode;
  /** N: values read before each prediction. */
  window: number;
  cell: CellType;
  hidden: number;
  epochs: number;
  batch: number;
  learningRate: number;
  clip: number;
  seed: number;
  /** Share of the series, at its end, held out for evaluation. */
  validationFraction: number;
  /** Called after every epoch with the mean squared errors in scaled units. */
  onEpoch?: (epoch: number, trainLoss: number, validationLoss: number) => void;
}

/** Mean absolute and root-mean-square error, in the series' units. */
export interface ForecastError {
  mae: number;
  rmse: number;
}

export interface ForecastResult {
  /** One-step-ahead error on the held-out values (N→N: read at the last step of each window). */
  model: ForecastError;
  /** The naive forecast ŷ_{t+1} = x_t on the same values. */
  baseline: ForecastError;
  /** N→N only: the error over every step of every window (each with less context early on). */
  allSteps?: { model: ForecastError; baseline: ForecastError };
  /** The held-out part: truth, model and baseline predictions, from index `start` of the series. */
  heldOut: { start: number; truth: number[]; model: number[]; baseline: number[] };
  trainCount: number;
}

/**
 * Trains a recurrent forecaster on the head of a series and evaluates it on the tail, against the
 * last-value baseline. Values are z-scored with the training part's mean and deviation; errors are
 * reported in the original units.
 */
export function runForecast(values: readonly number[], options: ForecastOptions): ForecastResult {
  const N = options.window;
  const n = values.length;
  const heldOutCount = Math.round(n * options.validationFraction);
  const trainCount = n - heldOutCount;
  if (heldOutCount < 1 || trainCount < N + 2) {
    throw new CliError(
      `the series has ${n} values: too few for --window ${N} with ${Math.round(options.validationFraction * 100)}% held out (need more than ${N + 2} training values and at least 1 held out)`,
    );
  }
  const scaler = ZScoreScaler.fit(values.slice(0, trainCount));
  const scaled = scaler.transform(values);
  const train = forecastWindows(scaled.slice(0, trainCount), { inputLength: N });
  // every held-out value x_t is the target of the window x_{t−N} … x_{t−1}
  const heldOut = forecastWindows(scaled.slice(trainCount - N), { inputLength: N });
  const targetsOf = (inputs: number[], target: number): number[] =>
    options.mode === "n-to-n" ? [...inputs.slice(1), target] : [target];

  const rng = new Rng(options.seed);
  const model = new ForecastModel(options.mode, options.cell, options.hidden, rng);
  const optimizer = new Adam(model.parameters(), { learningRate: options.learningRate });
  const predictLast = (inputs: number[][]): number[] => {
    model.eval();
    const out: number[] = [];
    for (const batch of batchIndices(inputs.length, { batchSize: 256 })) {
      const values = tidy(() => {
        const x = tensor(
          batch.map((i) => inputs[i] as number[]),
          [batch.length, N],
        );
        return model.forward(x).dataSync();
      });
      const width = options.mode === "n-to-n" ? N : 1;
      for (let b = 0; b < batch.length; b++) out.push(values[b * width + width - 1] as number);
    }
    model.train();
    return out;
  };
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      let total = 0;
      const batches = batchIndices(train.inputs.length, { batchSize: options.batch, shuffle: rng });
      for (const batch of batches) {
        total += tidy(() => {
          const x = tensor(
            batch.map((i) => train.inputs[i] as number[]),
            [batch.length, N],
          );
          const targets = batch.map((i) =>
            targetsOf(train.inputs[i] as number[], train.targets[i]?.[0] as number),
          );
          const y = tensor(targets, options.mode === "n-to-n" ? [batch.length, N] : [batch.length]);
          const { value, grads } = variableGrads(
            () => meanSquaredError(model.forward(x), y),
            model.parameters(),
          );
          if (options.clip > 0) clipGradNorm(grads, options.clip);
          optimizer.step(grads);
          return value.dataSync()[0] as number;
        });
      }
      const predicted = predictLast(heldOut.inputs);
      const validationLoss =
        predicted.reduce((s, p, i) => s + (p - (heldOut.targets[i]?.[0] as number)) ** 2, 0) /
        predicted.length;
      options.onEpoch?.(epoch, total / batches.length, validationLoss);
    }
    const predicted = scaler.inverse(predictLast(heldOut.inputs));
    const truth = values.slice(trainCount);
    const baseline = values.slice(trainCount - 1, n - 1);
    const result: ForecastResult = {
      model: errors(predicted, truth),
      baseline: errors(baseline, truth),
      heldOut: { start: trainCount, truth, model: predicted, baseline },
      trainCount,
    };
    if (options.mode === "n-to-n") {
      model.eval();
      const all = tidy(() =>
        model.forward(tensor(heldOut.inputs, [heldOut.inputs.length, N])).dataSync(),
      );
      const modelAll = scaler.inverse(all);
      const truthAll: number[] = [];
      const baselineAll: number[] = [];
      heldOut.inputs.forEach((_, w) => {
        // window w reads x_{s} … x_{s+N−1}, s = trainCount − N + w; step j predicts x_{s+j+1}
        const s = trainCount - N + w;
        for (let j = 0; j < N; j++) {
          truthAll.push(values[s + j + 1] as number);
          baselineAll.push(values[s + j] as number);
        }
      });
      result.allSteps = {
        model: errors(modelAll, truthAll),
        baseline: errors(baselineAll, truthAll),
      };
    }
    return result;
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}

function errors(predicted: ArrayLike<number>, truth: ArrayLike<number>): ForecastError {
  let absolute = 0;
  let squared = 0;
  for (let i = 0; i < truth.length; i++) {
    const e = (predicted[i] as number) - (truth[i] as number);
    absolute += Math.abs(e);
    squared += e * e;
  }
  return { mae: absolute / truth.length, rmse: Math.sqrt(squared / truth.length) };
}
