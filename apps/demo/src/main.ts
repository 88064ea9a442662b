#!/usr/bin/env node
// The `rnnkit` command. Until the sequence-to-sequence demo exists it has one subcommand,
// `fit-line` (the default), which trains y = w·x + b on built-in data with the CPU backend.
import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { setBackend } from "@rnnkit/core-tensor";
import { fitLine, TRUE_B, TRUE_W } from "./fit-line.js";

const usage = `usage: rnnkit [fit-line]

  fit-line   fit y = w·x + b to noisy samples of y = ${TRUE_W}x ${TRUE_B < 0 ? "−" : "+"} ${Math.abs(TRUE_B)} by gradient descent (default)`;

const command = process.argv[2] ?? "fit-line";
if (command === "-h" || command === "--help" || command === "help") {
  console.log(usage);
} else if (command === "fit-line") {
  registerCpuBackend();
  setBackend("cpu");
  const start = performance.now();
  const result = fitLine({
    onLog: (step, loss) => console.log(`step ${String(step).padStart(4)}  loss ${loss.toFixed(6)}`),
  });
  const seconds = (performance.now() - start) / 1000;
  console.log(`final loss ${result.finalLoss.toFixed(6)} (from ${result.losses[0]?.toFixed(6)})`);
  console.log(
    `learned w = ${result.w.toFixed(4)}, b = ${result.b.toFixed(4)}  (data drawn from w = ${TRUE_W}, b = ${TRUE_B})`,
  );
  console.log(`${result.losses.length} steps in ${seconds.toFixed(2)} s on the cpu backend`);
} else {
  console.error(`rnnkit: unknown command "${command}"\n\n${usage}`);
  process.exitCode = 2;
}
