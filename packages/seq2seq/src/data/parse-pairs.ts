import { RnnkitError } from "@rnnkit/core-tensor";
import { tokenizeWords, type VocabLevel } from "@rnnkit/data-seq";
import type { TextPair } from "./text-pair.js";

/** Why a line was rejected. */
export type PairProblem =
  | "no-tab"
  | "empty-source"
  | "empty-target"
  | "source-too-long"
  | "target-too-long";

export interface ParsePairsOptions {
  /** "error" (default): throw at the first bad line, naming it; "skip": leave it out and count it. */
  onInvalid?: "error" | "skip";
  /** How lengths are measured: code points ("char", default) or `tokenizeWords` tokens ("word"). */
  sourceLevel?: VocabLevel;
  targetLevel?: VocabLevel;
  /** Longest source accepted, in sourceLevel units (default: no limit). */
  maxSourceLength?: number;
  maxTargetLength?: number;
  /** Trim spaces around each side (default true). */
  trim?: boolean;
  /** Named in error messages ("line 7 of pairs.tsv"). */
  fileName?: string;
}

export interface SkippedLine {
  line: number;
  problem: PairProblem;
  text: string;
}

export interface ParsedPairs {
  pairs: TextPair[];
  /** Every rejected line (onInvalid "skip"). */
  skipped: SkippedLine[];
  /** How many lines were rejected, per problem. */
  counts: Record<PairProblem, number>;
  /** Empty (or all-space) lines, ignored. */
  blankLines: number;
}

const DESCRIPTIONS: Record<PairProblem, string> = {
  "no-tab": "no tab between source and target",
  "empty-source": "the source (before the tab) is empty",
  "empty-target": "the target (after the tab) is empty",
  "source-too-long": "the source is longer than maxSourceLength",
  "target-too-long": "the target is longer than maxTargetLength",
};

/**
 * Reads tab-separated pairs, `source<TAB>target` per line (the layout of most translation
 * corpora; columns after a second tab, such as an attribution, are ignored). Lines may end in \n or
 * \r\n; blank lines are ignored. A line without a tab, with an empty side, or with a side over its
 * length limit is an error naming the line, or is skipped and counted (`onInvalid: "skip"`).
 * @example parsePairs("3 March 2021\t2021-03-03\n").pairs // [{ source: "3 March 2021", target: "2021-03-03", line: 1 }]
 */
export function parsePairs(text: string, options: ParsePairsOptions = {}): ParsedPairs {
  const where = "parsePairs";
  if (typeof text !== "string")
    throw new RnnkitError(where, `expected a string, got ${typeof text}`);
  const onInvalid = options.onInvalid ?? "error";
  if (onInvalid !== "error" && onInvalid !== "skip") {
    throw new RnnkitError(where, `onInvalid must be "error" or "skip", got ${String(onInvalid)}`);
  }
  const limit = (name: string, value: number | undefined): number => {
    if (value === undefined) return Number.POSITIVE_INFINITY;
    if (!Number.isInteger(value) || value < 1) {
      throw new RnnkitError(where, `${name} must be a positive integer, got ${String(value)}`);
    }
    return value;
  };
  const maxSource = limit("maxSourceLength", options.maxSourceLength);
  const maxTarget = limit("maxTargetLength", options.maxTargetLength);
  const measure = (level: VocabLevel | undefined): ((s: string) => number) =>
    level === "word" ? (s) => tokenizeWords(s).length : (s) => Array.from(s).length;
  const sourceLength = measure(options.sourceLevel);
  const targetLength = measure(options.targetLevel);
  const trim = options.trim ?? true;
  const result: ParsedPairs = {
    pairs: [],
    skipped: [],
    counts: {
      "no-tab": 0,
      "empty-source": 0,
      "empty-target": 0,
      "source-too-long": 0,
      "target-too-long": 0,
    },
    blankLines: 0,
  };
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  lines.forEach((raw, i) => {
    const lineText = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const line = i + 1;
    if (lineText.trim() === "") {
      result.blankLines++;
      return;
    }
    const columns = lineText.split("\t");
    let problem: PairProblem | undefined;
    let detail = "";
    const source = trim ? (columns[0] as string).trim() : (columns[0] as string);
    const target = trim ? (columns[1] ?? "").trim() : (columns[1] ?? "");
    if (columns.length < 2) problem = "no-tab";
    else if (source === "") problem = "empty-source";
    else if (target === "") problem = "empty-target";
    else if (sourceLength(source) > maxSource) {
      problem = "source-too-long";
      detail = ` (${sourceLength(source)} > ${maxSource})`;
    } else if (targetLength(target) > maxTarget) {
      problem = "target-too-long";
      detail = ` (${targetLength(target)} > ${maxTarget})`;
    }
    if (problem === undefined) {
      result.pairs.push({ source, target, line });
      return;
    }
    if (onInvalid === "error") {
      const shown = lineText.length > 60 ? `${lineText.slice(0, 57)}...` : lineText;
      throw new RnnkitError(
        where,
        `line ${line}${options.fileName === undefined ? "" : ` of ${options.fileName}`}: ${DESCRIPTIONS[problem]}${detail}: ${JSON.stringify(shown)} (use onInvalid: "skip" to leave such lines out)`,
      );
    }
    result.counts[problem]++;
    result.skipped.push({ line, problem, text: lineText });
  });
  return result;
}
