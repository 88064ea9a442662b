import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bitsPerCharacter } from "@rnnkit/losses";
import type { CliIo } from "../cli/cli-io.js";
import { formatHelp, type OptionSpecs, parseOptions } from "../cli/parse-options.js";
import { readTrainingRecord } from "../lm/read-training-record.js";
import { sampleCommand } from "./sample-command.js";
import { trainCommand } from "./train-command.js";

const DEMO_OPTIONS = {
  epochs: {
    type: "integer",
    min: 1,
    default: 5,
    description: "training epochs over the 35,000 characters",
  },
  hidden: { type: "integer", min: 1, default: 64, description: "LSTM units" },
  samples: { type: "integer", min: 0, default: 300, description: "characters sampled at the end" },
  checkpoint: {
    type: "string",
    description: "where to save the model (default: a new temporary directory)",
    valueName: "file",
  },
} as const satisfies OptionSpecs;

/**
 * `rnnkit demo` (what `pnpm demo` runs): trains a one-layer LSTM on the built-in list of 4951
 * names for a few epochs (about a minute on two cores), then samples new names from it.
 */
export async function demoCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, help } = parseOptions(argv, DEMO_OPTIONS);
  if (help) {
    io.stdout.write(
      formatHelp(
        "rnnkit demo [options]",
        "Trains a small character-level LSTM on built-in names, then samples new ones.",
        DEMO_OPTIONS,
      ),
    );
    return 0;
  }
  const checkpoint =
    options.checkpoint ?? join(mkdtempSync(join(tmpdir(), "rnnkit-demo-")), "names.ckpt");
  io.stdout.write(
    "rnnkit demo: a character-level LSTM learns what English first names look like.\n\n",
  );
  const start = performance.now();
  const trained = await trainCommand(
    [
      "--corpus",
      "names",
      "--cell",
      "lstm",
      "--hidden",
      String(options.hidden),
      "--batch",
      "16",
      "--tbptt",
      "32",
      "--lr",
      "0.01",
      "--epochs",
      String(options.epochs),
      "--checkpoint",
      checkpoint,
      "--overwrite",
    ],
    io,
  );
  if (trained !== 0) return trained;
  const trainSeconds = (performance.now() - start) / 1000;
  const record = readTrainingRecord(checkpoint);
  const first = record.losses[0] as number;
  const last = record.epochs.at(-1);
  io.stdout.write(
    `\ntrained in ${trainSeconds.toFixed(0)} s: the loss fell from ${bitsPerCharacter(first).toFixed(2)} to ${bitsPerCharacter(last?.trainLoss ?? first).toFixed(2)} bits per character (validation ${last?.validationLoss == null ? "n/a" : bitsPerCharacter(last.validationLoss).toFixed(2)}; a uniform guess among the ${record.vocabSize} symbols needs ${Math.log2(record.vocabSize).toFixed(2)}).\n\nNew names sampled at temperature 0.8 (seed 7):\n`,
  );
  const sampleStart = performance.now();
  const sampled = await sampleCommand(
    [
      "--checkpoint",
      checkpoint,
      "--length",
      String(options.samples),
      "--temperature",
      "0.8",
      "--seed",
      "7",
    ],
    io,
  );
  io.stdout.write(
    `\nsampled ${options.samples} characters in ${((performance.now() - sampleStart) / 1000).toFixed(1)} s. Total ${((performance.now() - start) / 1000).toFixed(0)} s.\n` +
      `The model is in ${checkpoint}. Next:\n` +
      `  node apps/demo/dist/main.js sample --checkpoint ${checkpoint} --prime "Ann" --temperature 0.5\n` +
      `  node apps/demo/dist/main.js visualize --checkpoint ${checkpoint} --output report.html\n` +
      "  node apps/demo/dist/main.js --help\n",
  );
  return sampled;
}
