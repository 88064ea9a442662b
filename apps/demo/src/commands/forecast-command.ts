import { writeFileSync } from "node:fs";
import type { CliIo } from "../cli/cli-io.js";
import { formatHelp, type OptionSpecs, parseOptions } from "../cli/parse-options.js";
import { BACKENDS, selectBackend } from "../cli/select-backend.js";
import type { ForecastMode } from "../forecast/forecast-model.js";
import { loadSeries } from "../forecast/load-series.js";
import { type ForecastError, type ForecastResult, runForecast } from "../forecast/run-forecast.js";
import { CELL_TYPES } from "../lm/char-model-config.js";
import { escapeXml } from "../report/escape-xml.js";
import { lineChartSvg } from "../report/line-chart-svg.js";

export const FORECAST_OPTIONS = {
  csv: {
    type: "string",
    description: "forecast a column of this CSV file (default: daily US births 1969–1988)",
    valueName: "file",
  },
  column: {
    type: "string",
    description: "the CSV column: header name or 0-based index",
    valueName: "name",
  },
  mode: {
    type: "string",
    choices: ["n-to-1", "n-to-n", "both"],
    default: "both",
    description: "N→1 (read N values, predict the next), N→N (predict after every value), or both",
  },
  window: { type: "integer", min: 1, default: 21, description: "N: values read per sample" },
  cell: { type: "string", choices: CELL_TYPES, default: "gru", description: "recurrent cell" },
  hidden: { type: "integer", min: 1, default: 16, description: "hidden units" },
  epochs: { type: "integer", min: 1, default: 6, description: "passes over the training windows" },
  batch: { type: "integer", min: 1, default: 64, description: "windows per step" },
  lr: { type: "number", above: 0, default: 0.01, description: "Adam learning rate" },
  clip: {
    type: "number",
    min: 0,
    default: 1,
    description: "clip the global gradient norm (0: off)",
  },
  validation: {
    type: "number",
    above: 0,
    max: 0.9,
    default: 0.2,
    description: "share held out at the end of the series",
  },
  seed: {
    type: "integer",
    min: 0,
    default: 1,
    description: "seed of the weights and the batch order",
  },
  output: {
    type: "string",
    default: "forecast.svg",
    description: "plot of prediction vs truth (.svg, or .html)",
    valueName: "file",
  },
  backend: { type: "string", choices: BACKENDS, default: "cpu", description: "compute backend" },
} as const satisfies OptionSpecs;

const HELP = formatHelp(
  "rnnkit forecast [options]",
  "Trains a recurrent forecaster on the first part of a series and reports its one-step-ahead\nerror on the rest, next to the naive last-value forecast; writes a plot of both against the truth.",
  FORECAST_OPTIONS,
);

/** `rnnkit forecast` */
export async function forecastCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, help } = parseOptions(argv, FORECAST_OPTIONS);
  if (help) {
    io.stdout.write(HELP);
    return 0;
  }
  const series = loadSeries(options.csv, options.column);
  await selectBackend(options.backend);
  const modes: ForecastMode[] = options.mode === "both" ? ["n-to-1", "n-to-n"] : [options.mode];
  io.stdout.write(
    `forecasting ${series.description}: ${series.values.length} values, the last ${Math.round(options.validation * 100)}% held out; ${options.cell.toUpperCase()} with ${options.hidden} hidden units, window N = ${options.window}\n`,
  );
  const results: [ForecastMode, ForecastResult][] = [];
  for (const mode of modes) {
    const start = performance.now();
    const result = runForecast(series.values, {
      mode,
      window: options.window,
      cell: options.cell,
      hidden: options.hidden,
      epochs: options.epochs,
      batch: options.batch,
      learningRate: options.lr,
      clip: options.clip,
      seed: options.seed,
      validationFraction: options.validation,
      onEpoch: (epoch, train, validation) =>
        io.stdout.write(
          `  ${label(mode)} epoch ${epoch}/${options.epochs}: train MSE ${train.toFixed(4)}, held-out MSE ${validation.toFixed(4)} (z-scored)\n`,
        ),
    });
    const seconds = (performance.now() - start) / 1000;
    io.stdout.write(
      `${label(mode)} on ${result.heldOut.truth.length} held-out values (${seconds.toFixed(1)} s):\n`,
    );
    io.stdout.write(
      `  model     ${describe(result.model)}\n  last value ${describe(result.baseline)}\n`,
    );
    io.stdout.write(
      `  the model's MAE is ${(100 * (1 - result.model.mae / result.baseline.mae)).toFixed(1)}% ${result.model.mae <= result.baseline.mae ? "below" : "ABOVE"} the baseline's\n`,
    );
    if (result.allSteps !== undefined) {
      io.stdout.write(
        `  every step of every window: model ${describe(result.allSteps.model)}; last value ${describe(result.allSteps.baseline)}\n`,
      );
    }
    results.push([mode, result]);
  }
  writeFileSync(options.output, plot(results, series.description, series.unit, options.output));
  io.stdout.write(`plot written to ${options.output}\n`);
  return 0;
}

function label(mode: ForecastMode): string {
  return mode === "n-to-1" ? "N→1" : "N→N";
}

function describe(e: ForecastError): string {
  return `MAE ${e.mae.toFixed(2)}, RMSE ${e.rmse.toFixed(2)}`;
}

/** Up to the last 120 held-out values: truth, each model, the baseline. */
function plot(
  results: [ForecastMode, ForecastResult][],
  description: string,
  unit: string,
  path: string,
): string {
  const first = results[0]?.[1] as ForecastResult;
  const shown = Math.min(120, first.heldOut.truth.length);
  const tail = (values: number[]): number[] => values.slice(values.length - shown);
  const colors = ["#1f77b4", "#d62728"];
  const svg = lineChartSvg(
    [
      { label: "truth", values: tail(first.heldOut.truth), color: "#111" },
      ...results.map(([mode, r], k) => ({
        label: `${label(mode)} model`,
        values: tail(r.heldOut.model),
        color: colors[k] as string,
      })),
      { label: "last value", values: tail(first.heldOut.baseline), color: "#999", dashed: true },
    ],
    {
      title: `One-step-ahead forecast: ${description}`,
      xLabel: "index in the series",
      yLabel: unit === "" ? "value" : unit,
      xStart: first.heldOut.start + first.heldOut.truth.length - shown,
      width: 900,
    },
  );
  if (!path.endsWith(".html")) return `${svg}\n`;
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeXml(description)}</title></head><body>\n${svg}\n</body></html>\n`;
}
