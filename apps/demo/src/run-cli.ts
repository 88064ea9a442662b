import { CliError } from "./cli/cli-error.js";
import type { CliIo } from "./cli/cli-io.js";
import { errorLine } from "./cli/error-line.js";
import { demoCommand } from "./commands/demo-command.js";
import { fitLineCommand } from "./commands/fit-line-command.js";
import { forecastCommand } from "./commands/forecast-command.js";
import { sampleCommand } from "./commands/sample-command.js";
import { trainCommand } from "./commands/train-command.js";
import { translateCommand } from "./commands/translate-command.js";
import { visualizeCommand } from "./commands/visualize-command.js";

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, [Command, string]> = {
  demo: [
    demoCommand,
    "train a small LSTM on built-in names for a few minutes, then sample from it",
  ],
  train: [trainCommand, "train a character language model (checkpoints, --resume, Ctrl-C saves)"],
  sample: [sampleCommand, "generate text from a trained character model"],
  translate: [translateCommand, "sequence-to-sequence: train, eval, run (dates, pair files)"],
  forecast: [
    forecastCommand,
    "forecast a time series (N→1, N→N) against a last-value baseline; SVG plot",
  ],
  visualize: [
    visualizeCommand,
    "HTML report: LSTM cells, gates, next-character guesses, gradient norms",
  ],
  "fit-line": [fitLineCommand, "fit y = w·x + b by gradient descent (the smallest check)"],
};

export const USAGE = `usage: rnnkit <command> [options]   (rnnkit <command> --help for its options)

commands:
${Object.entries(COMMANDS)
  .map(([name, [, what]]) => `  ${name.padEnd(10)} ${what}`)
  .join("\n")}
`;

/**
 * Runs one `rnnkit` command line. Every error becomes one line on stderr and a non-zero exit code
 * (2 for usage errors); set RNNKIT_DEBUG=1 to also print the stack.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout.write(USAGE);
    return 0;
  }
  const entry = COMMANDS[name];
  if (entry === undefined) {
    io.stderr.write(
      `rnnkit: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(", ")})\n`,
    );
    return 2;
  }
  try {
    return await entry[0](rest, io);
  } catch (error) {
    io.stderr.write(`${errorLine(name, error)}\n`);
    if (process.env.RNNKIT_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}
