import { loadCheckpoint } from "../checkpoint/load-checkpoint.js";
import { CliError } from "../cli/cli-error.js";
import type { CliIo } from "../cli/cli-io.js";
import { formatHelp, type OptionSpecs, parseOptions } from "../cli/parse-options.js";
import { BACKENDS, selectBackend } from "../cli/select-backend.js";
import { loadCharModel } from "../lm/load-char-model.js";
import { sampleCharLm } from "../lm/sample-char-lm.js";

export const SAMPLE_OPTIONS = {
  checkpoint: {
    type: "string",
    default: "char-lm.ckpt",
    description: "checkpoint written by rnnkit train",
    valueName: "file",
  },
  prime: { type: "string", description: 'text to start from (default: a newline, or " ")' },
  length: { type: "integer", min: 0, default: 500, description: "characters to generate" },
  temperature: {
    type: "number",
    min: 0,
    default: 0.8,
    description: "softmax temperature (0: always the likeliest)",
  },
  "top-k": {
    type: "integer",
    min: 0,
    default: 0,
    description: "sample among the k likeliest characters (0: all)",
  },
  noise: {
    type: "number",
    min: 0,
    default: 0,
    description: "σ of Gaussian noise on each fed-back character's embedding",
  },
  seed: { type: "integer", min: 0, description: "random seed (default: a new one each run)" },
  backend: { type: "string", choices: BACKENDS, default: "cpu", description: "compute backend" },
} as const satisfies OptionSpecs;

const HELP = formatHelp(
  "rnnkit sample [options]",
  "Generates text from a trained character model, streaming it to stdout.",
  SAMPLE_OPTIONS,
);

/** `rnnkit sample` */
export async function sampleCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, help } = parseOptions(argv, SAMPLE_OPTIONS);
  if (help) {
    io.stdout.write(HELP);
    return 0;
  }
  const content = loadCheckpoint(options.checkpoint, "char-lm", "sample");
  await selectBackend(options.backend);
  const { model, vocab } = loadCharModel(content, options.checkpoint);
  try {
    const prime =
      options.prime ??
      (vocab.indexOf("\n") !== undefined
        ? "\n"
        : vocab.indexOf(" ") !== undefined
          ? " "
          : undefined);
    if (prime === undefined || prime === "") throw new CliError("--prime must not be empty");
    io.stdout.write(prime === "\n" && options.prime === undefined ? "" : prime);
    for await (const symbol of sampleCharLm(model, vocab, {
      prime,
      length: options.length,
      temperature: options.temperature,
      topK: options["top-k"],
      noise: options.noise,
      seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
    })) {
      io.stdout.write(symbol.text);
      if (io.signal?.aborted) break;
    }
    io.stdout.write("\n");
    return 0;
  } finally {
    model.dispose();
  }
}
