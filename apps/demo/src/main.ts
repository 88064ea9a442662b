#!/usr/bin/env node
// The `rnnkit` command: see run-cli.ts for the commands, commands/ for each one.
import { processIo } from "./cli/cli-io.js";
import { runCli } from "./run-cli.js";

// The first Ctrl-C asks the running command to stop at a safe point (train saves a checkpoint);
// a second one exits at once.
const controller = new AbortController();
process.on("SIGINT", () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
});
process.on("SIGTERM", () => controller.abort());

process.exitCode = await runCli(process.argv.slice(2), processIo(controller.signal));
