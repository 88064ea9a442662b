import { readFileSync, writeFileSync } from "node:fs";
import { Rng, tensor, tidy } from "@rnnkit/core-tensor";
import { Vocab } from "@rnnkit/data-seq";
import { bitsPerCharacter } from "@rnnkit/losses";
import { loadCheckpoint } from "../checkpoint/load-checkpoint.js";
import { CliError } from "../cli/cli-error.js";
import type { CliIo } from "../cli/cli-io.js";
import { formatHelp, type OptionSpecs, parseOptions } from "../cli/parse-options.js";
import { BACKENDS, selectBackend } from "../cli/select-backend.js";
import { loadCharModel } from "../lm/load-char-model.js";
import { loadCorpus } from "../lm/load-corpus.js";
import { lineChartSvg } from "../report/line-chart-svg.js";
import { gateSaturationSvg } from "../visualize/gate-saturation-svg.js";
import { gradientNormsByCell } from "../visualize/gradient-norms-by-cell.js";
import { rankCells } from "../visualize/rank-cells.js";
import { renderReport } from "../visualize/render-report.js";
import { textFeatures } from "../visualize/text-features.js";
import { traceLstm } from "../visualize/trace-lstm.js";

export const VISUALIZE_OPTIONS = {
  checkpoint: {
    type: "string",
    default: "char-lm.ckpt",
    description: "an LSTM checkpoint written by rnnkit train",
    valueName: "file",
  },
  text: {
    type: "string",
    description: "text to run the model on (default: the held-out end of its training text)",
    valueName: "file",
  },
  "max-chars": { type: "integer", min: 2, default: 1500, description: "characters shown" },
  layer: {
    type: "integer",
    min: 1,
    description: "layer of the cell coloured first (default: the best cell found)",
  },
  unit: { type: "integer", min: 0, description: "unit of the cell coloured first (with --layer)" },
  "top-k": {
    type: "integer",
    min: 0,
    default: 3,
    description: "next-character guesses under each character",
  },
  "gradient-steps": {
    type: "integer",
    min: 2,
    default: 60,
    description: "time steps in the gradient-norm chart",
  },
  seed: {
    type: "integer",
    min: 0,
    default: 1,
    description: "seed of the untrained cells in the gradient chart",
  },
  output: {
    type: "string",
    default: "report.html",
    description: "the HTML report",
    valueName: "file",
  },
  backend: { type: "string", choices: BACKENDS, default: "cpu", description: "compute backend" },
} as const satisfies OptionSpecs;

const HELP = formatHelp(
  "rnnkit visualize [options]",
  "Writes a self-contained HTML report of what a trained LSTM does on a text: every character coloured\nby a cell's tanh(c_t), cells that track quotes / position in line / brackets / indentation, the\nnext-character guesses, gate saturation, and per-step gradient norms of RNN vs LSTM vs GRU.",
  VISUALIZE_OPTIONS,
);

/** `rnnkit visualize` */
export async function visualizeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, help } = parseOptions(argv, VISUALIZE_OPTIONS);
  if (help) {
    io.stdout.write(HELP);
    return 0;
  }
  if ((options.layer === undefined) !== (options.unit === undefined)) {
    throw new CliError("give --layer and --unit together");
  }
  const path = options.checkpoint;
  const content = loadCheckpoint(path, "char-lm", "visualize");
  await selectBackend(options.backend);
  const { model, vocab, settings, epochs } = loadCharModel(content, path);
  try {
    if (settings.model.cell !== "lstm") {
      throw new CliError(
        `${path} holds a ${settings.model.cell} model; visualize needs an LSTM (its cell state c_t): train one with --cell lstm`,
      );
    }
    if (options.layer !== undefined && options.layer > settings.model.layers) {
      throw new CliError(
        `--layer ${options.layer}: the model has ${settings.model.layers} layer(s)`,
      );
    }
    if (options.unit !== undefined && options.unit >= settings.model.hidden) {
      throw new CliError(
        `--unit ${options.unit}: the layers have ${settings.model.hidden} units (0–${settings.model.hidden - 1})`,
      );
    }
    let text: string;
    let source: string;
    if (options.text !== undefined) {
      try {
        text = readFileSync(options.text, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT")
          throw new CliError(`text file ${options.text} does not exist`);
        throw error;
      }
      source = options.text;
    } else {
      const corpus = loadCorpus(settings.corpus.source, settings.corpus.maxChars);
      const all = [...corpus.text];
      text = all.slice(all.length - Math.round(all.length * settings.validationFraction)).join("");
      source = `the held-out end of ${corpus.description}`;
    }
    const chars = [...text].slice(0, options["max-chars"]);
    if (chars.length < 2)
      throw new CliError(
        `the text ${source} is too short to visualize (${chars.length} characters)`,
      );
    const indices = vocab.encode(chars.join(""), { unknown: "unk" });
    const unknown = indices.filter((i) => i === Vocab.UNK).length;

    const trace = traceLstm(model, indices);
    let nats = 0;
    for (let t = 0; t + 1 < indices.length; t++) {
      nats -= Math.log(
        Math.max(trace.probabilities[t * vocab.size + (indices[t + 1] as number)] as number, 1e-12),
      );
    }
    const bpc = bitsPerCharacter(nats / (indices.length - 1));
    const rankings = textFeatures(chars).map((feature) => ({
      name: feature.name,
      description: feature.description,
      best: rankCells(trace, feature.values).slice(0, 5),
    }));
    const bestOverall = rankings
      .flatMap((r) => r.best.slice(0, 1))
      .sort((a, b) => Math.abs(b.r) - Math.abs(a.r))[0];
    const selected =
      options.layer !== undefined && options.unit !== undefined
        ? { layer: options.layer - 1, unit: options.unit }
        : (bestOverall ?? { layer: settings.model.layers - 1, unit: 0 });

    const saturation = trace.layers.map((layer, l) => ({
      layer: l,
      svgs: [
        gateSaturationSvg(
          "input gate i",
          layer.inputGate,
          trace.steps,
          trace.hiddenSize,
          "#2ca02c",
        ),
        gateSaturationSvg(
          "forget gate f",
          layer.forgetGate,
          trace.steps,
          trace.hiddenSize,
          "#1f77b4",
        ),
        gateSaturationSvg(
          "output gate o",
          layer.outputGate,
          trace.steps,
          trace.hiddenSize,
          "#d62728",
        ),
      ],
    }));

    const G = Math.min(options["gradient-steps"], indices.length);
    const seed = options.seed;
    const curves = tidy(() => {
      const x = model.embedding.forward(
        tensor(Int32Array.from(indices.slice(0, G)), [1, G], "int32"),
      );
      return gradientNormsByCell(x, settings.model.hidden, () => new Rng(seed), {
        cell: model.recurrent.cells[0]?.[0] as never,
        type: "lstm",
      });
    });
    const colors = ["#ff7f0e", "#1f77b4", "#2ca02c", "#111"];
    const gradientChart = lineChartSvg(
      curves.map((c, k) => ({
        label: c.label,
        values: [...c.norms],
        color: colors[k] as string,
        dashed: k === 3,
      })),
      {
        title: "‖∂L/∂h_t‖ with L read at the last step",
        xLabel: "time step t",
        yLabel: "gradient norm (log scale)",
        logY: true,
        width: 900,
      },
    );
    const decay = curves.map((c) => `${c.label}: ${ratio(c.norms)}`).join("; ");

    const html = renderReport({
      title: `rnnkit visualize: ${path}`,
      facts: [
        `${settings.model.layers}-layer LSTM, ${settings.model.hidden} cells per layer, trained ${epochs} epoch(s) on ${settings.corpus.source}.`,
        `Text: ${chars.length} characters of ${source}${unknown > 0 ? ` (${unknown} unknown to the model, read as <UNK>)` : ""}; the model needs ${bpc.toFixed(3)} bits per character on it.`,
      ],
      chars,
      trace,
      symbols: vocab.symbols,
      topK: options["top-k"],
      selected,
      rankings,
      saturation,
      gradientChart,
      gradientNote: `The same ${G} characters (their embeddings) fed to cells of ${settings.model.hidden} units; L = Σ_j h_T[j]. Gradient at t = 0 relative to t = T−1 — ${decay}.`,
    });
    writeFileSync(options.output, html);
    io.stdout.write(
      `report written to ${options.output} (${chars.length} characters, ${bpc.toFixed(3)} bits/char)\n`,
    );
    for (const r of rankings) {
      io.stdout.write(
        r.best.length === 0
          ? `  ${r.name}: constant in this text\n`
          : `  ${r.name}: ${r.best
              .slice(0, 3)
              .map((s) => `layer ${s.layer + 1} cell ${s.unit} (r = ${s.r.toFixed(2)})`)
              .join(", ")}\n`,
      );
    }
    io.stdout.write(`  gradient reaching back ${G - 1} steps: ${decay}\n`);
    return 0;
  } finally {
    model.dispose();
  }
}

function ratio(norms: Float64Array): string {
  const last = norms[norms.length - 1] as number;
  const first = norms[0] as number;
  return last === 0 ? "n/a" : (first / last).toExponential(1);
}
