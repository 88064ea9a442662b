import type { CliIo } from "../cli/cli-io.js";
import { formatHelp, type OptionSpecs, parseOptions } from "../cli/parse-options.js";
import { selectBackend } from "../cli/select-backend.js";
import { fitLine, TRUE_B, TRUE_W } from "../fit-line.js";

const FIT_LINE_OPTIONS = {
  steps: { type: "integer", min: 0, default: 100, description: "gradient-descent steps" },
} as const satisfies OptionSpecs;

/** `rnnkit fit-line`: the smallest end-to-end check (variables, autograd, gradient descent). */
export async function fitLineCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, help } = parseOptions(argv, FIT_LINE_OPTIONS);
  if (help) {
    io.stdout.write(
      formatHelp(
        "rnnkit fit-line [options]",
        `Fits y = w·x + b to noisy samples of y = ${TRUE_W}x − ${Math.abs(TRUE_B)} by gradient descent.`,
        FIT_LINE_OPTIONS,
      ),
    );
    return 0;
  }
  await selectBackend("cpu");
  const start = performance.now();
  const result = fitLine({
    steps: options.steps,
    onLog: (step, loss) =>
      io.stdout.write(`step ${String(step).padStart(4)}  loss ${loss.toFixed(6)}\n`),
  });
  const seconds = (performance.now() - start) / 1000;
  io.stdout.write(
    `final loss ${result.finalLoss.toFixed(6)} (from ${result.losses[0]?.toFixed(6)})\n`,
  );
  io.stdout.write(
    `learned w = ${result.w.toFixed(4)}, b = ${result.b.toFixed(4)}  (data drawn from w = ${TRUE_W}, b = ${TRUE_B})\n`,
  );
  io.stdout.write(`${result.losses.length} steps in ${seconds.toFixed(2)} s on the cpu backend\n`);
  return 0;
}
