import { parseArgs } from "node:util";
import { CliError } from "./cli-error.js";

/** One command-line option: `--name value` (or a flag). */
export interface OptionSpec {
  type: "string" | "number" | "integer" | "boolean";
  description: string;
  /** Allowed values of a string option. */
  choices?: readonly string[];
  default?: string | number | boolean;
  /** Inclusive bounds of a number. */
  min?: number;
  max?: number;
  /** Strict lower bound of a number (e.g. a learning rate > 0). */
  above?: number;
  /** What the value is, in the help text (default: the type). */
  valueName?: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<O extends OptionSpec> = O["type"] extends "boolean"
  ? boolean
  : O["type"] extends "number" | "integer"
    ? number
    : O extends { choices: readonly (infer C)[] }
      ? C
      : string;

/** Parsed values: options with a default are always present. */
export type ParsedOptions<S extends OptionSpecs> = {
  [K in keyof S]: S[K] extends { default: unknown } ? ValueOf<S[K]> : ValueOf<S[K]> | undefined;
};

export interface ParseResult<S extends OptionSpecs> {
  options: ParsedOptions<S>;
  /** Options given on the command line (not defaults). */
  given: ReadonlySet<string>;
  positionals: string[];
  help: boolean;
}

/**
 * Parses `argv` with node:util's parseArgs (strict: an unknown option is an error), then checks
 * and converts every value against its spec. Errors are `CliError`s naming the option.
 */
export function parseOptions<S extends OptionSpecs>(
  argv: readonly string[],
  specs: S,
  options: { positionals?: number } = {},
): ParseResult<S> {
  const config: Record<string, { type: "string" | "boolean" }> = { help: { type: "boolean" } };
  for (const [name, spec] of Object.entries(specs)) {
    config[name] = { type: spec.type === "boolean" ? "boolean" : "string" };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: config,
      strict: true,
      allowPositionals: true,
      allowNegative: true,
    });
  } catch (error) {
    throw new CliError(describeParseError(error), 2);
  }
  const maxPositionals = options.positionals ?? 0;
  if (parsed.positionals.length > maxPositionals) {
    throw new CliError(`unexpected argument "${parsed.positionals[maxPositionals]}"`, 2);
  }
  const values: Record<string, unknown> = {};
  const given = new Set<string>();
  for (const [name, spec] of Object.entries(specs)) {
    const raw = parsed.values[name];
    if (raw === undefined) {
      values[name] = spec.default;
      continue;
    }
    given.add(name);
    values[name] = typeof raw === "boolean" ? raw : convert(name, spec, String(raw));
  }
  return {
    options: values as ParsedOptions<S>,
    given,
    positionals: parsed.positionals,
    help: parsed.values.help === true,
  };
}

function convert(name: string, spec: OptionSpec, raw: string): string | number | boolean {
  if (spec.type === "boolean") return raw !== "false";
  if (spec.type === "string") {
    if (spec.choices !== undefined && !spec.choices.includes(raw)) {
      throw new CliError(`--${name} must be one of ${spec.choices.join(", ")}, got "${raw}"`, 2);
    }
    return raw;
  }
  const value = raw.trim() === "" ? Number.NaN : Number(raw);
  if (!Number.isFinite(value) || (spec.type === "integer" && !Number.isInteger(value))) {
    throw new CliError(
      `--${name} must be ${spec.type === "integer" ? "an integer" : "a number"}, got "${raw}"`,
      2,
    );
  }
  if (spec.min !== undefined && value < spec.min) {
    throw new CliError(`--${name} must be ≥ ${spec.min}, got ${raw}`, 2);
  }
  if (spec.max !== undefined && value > spec.max) {
    throw new CliError(`--${name} must be ≤ ${spec.max}, got ${raw}`, 2);
  }
  if (spec.above !== undefined && !(value > spec.above)) {
    throw new CliError(`--${name} must be > ${spec.above}, got ${raw}`, 2);
  }
  return value;
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^']*)'/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${option ?? message}`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return option === undefined ? message : `option ${option.split(" ")[0]} needs a value`;
  }
  return message.split(". ")[0] ?? message;
}

/** The help text of a command: usage line, description, then one line per option. */
export function formatHelp(usage: string, description: string, specs: OptionSpecs): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const value =
      spec.type === "boolean"
        ? ""
        : ` <${spec.valueName ?? (spec.choices !== undefined ? spec.choices.join("|") : spec.type === "string" ? "text" : spec.type)}>`;
    const fallback =
      spec.default === undefined || spec.type === "boolean" ? "" : ` (default ${spec.default})`;
    return [`  --${name}${value}`, `${spec.description}${fallback}`] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length), 0) + 2;
  const lines = rows.map(([left, right]) => `${left.padEnd(width)}${right}`);
  return `usage: ${usage}\n\n${description}\n\noptions:\n${lines.join("\n")}\n  --help${" ".repeat(Math.max(width - 8, 1))}this text\n`;
}
