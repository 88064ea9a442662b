/**
 * An error the user can act on (bad option, missing file, wrong checkpoint): the CLI prints its
 * message as one line on stderr, without a stack trace, and exits with `exitCode`.
 */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}
