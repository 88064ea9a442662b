import type { CliIo } from "../cli/cli-io.js";
import { runCli } from "../run-cli.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `rnnkit ...argv` in this process and captures what it writes. */
export async function runInProcess(argv: readonly string[], signal?: AbortSignal): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    interactive: false,
    ...(signal === undefined ? {} : { signal }),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
