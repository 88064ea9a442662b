import { existsSync } from "node:fs";
import { dispose, Rng } from "@rnnkit/core-tensor";
import type { VocabLevel } from "@rnnkit/data-seq";
import { Adam } from "@rnnkit/optim";
import {
  type AttentionType,
  encodePairs,
  pairBatches,
  pairVocabularies,
  trainStep,
} from "@rnnkit/seq2seq";
import { loadCheckpoint } from "../checkpoint/load-checkpoint.js";
import { packTrainingState } from "../checkpoint/pack-training-state.js";
import { saveCheckpoint } from "../checkpoint/save-checkpoint.js";
import { CliError } from "../cli/cli-error.js";
import type { CliIo } from "../cli/cli-io.js";
import { formatHelp, type OptionSpecs, parseOptions } from "../cli/parse-options.js";
import { BACKENDS, selectBackend } from "../cli/select-backend.js";
import { CELL_TYPES } from "../lm/char-model-config.js";
import { loadTranslationModel } from "../translate/load-translation-model.js";
import { loadTranslationPairs, TRANSLATION_TASKS } from "../translate/load-translation-pairs.js";
import { makeSeq2Seq } from "../translate/make-seq2seq.js";
import { scoreTranslations, type TranslationScores } from "../translate/score-translations.js";
import { translateTexts } from "../translate/translate-text.js";
import type { TranslationHeader } from "../translate/translation-header.js";

const COMMON = {
  checkpoint: {
    type: "string",
    default: "translate.ckpt",
    description: "checkpoint file",
    valueName: "file",
  },
  beam: { type: "integer", min: 1, default: 1, description: "beam width (1: greedy decoding)" },
  backend: { type: "string", choices: BACKENDS, default: "cpu", description: "compute backend" },
} as const satisfies OptionSpecs;

export const TRANSLATE_TRAIN_OPTIONS = {
  task: {
    type: "string",
    choices: Object.keys(TRANSLATION_TASKS),
    description: "built-in task when no --pairs (default dates)",
  },
  pairs: {
    type: "string",
    description: "tab-separated file of source<TAB>target lines",
    valueName: "file",
  },
  "target-level": {
    type: "string",
    choices: ["char", "word"],
    default: "char",
    description: "tokens of a pair file's targets",
  },
  count: { type: "integer", min: 2, default: 4000, description: "pairs of a built-in task" },
  test: {
    type: "number",
    above: 0,
    max: 0.5,
    default: 0.1,
    description: "share of the pairs held out for evaluation",
  },
  cell: {
    type: "string",
    choices: CELL_TYPES,
    default: "gru",
    description: "recurrent cell of encoder and decoder",
  },
  layers: { type: "integer", min: 1, default: 1, description: "layers of encoder and decoder" },
  hidden: { type: "integer", min: 1, default: 64, description: "hidden units" },
  embedding: { type: "integer", min: 1, default: 32, description: "embedding size" },
  attention: {
    type: "string",
    choices: ["bahdanau", "luong-general", "luong-dot", "none"],
    default: "bahdanau",
    description: "attention",
  },
  bidirectional: {
    type: "boolean",
    default: true,
    description: "bidirectional encoder (--no-bidirectional: one direction)",
  },
  epochs: { type: "integer", min: 1, default: 4, description: "passes over the training pairs" },
  batch: { type: "integer", min: 1, default: 32, description: "pairs per step" },
  lr: { type: "number", above: 0, default: 0.01, description: "Adam learning rate" },
  clip: {
    type: "number",
    min: 0,
    default: 5,
    description: "clip the global gradient norm (0: off)",
  },
  seed: {
    type: "integer",
    min: 0,
    default: 1,
    description: "seed of the data order and the weights",
  },
  overwrite: { type: "boolean", description: "replace an existing --checkpoint" },
  ...COMMON,
} as const satisfies OptionSpecs;

const TRANSLATE_EVAL_OPTIONS = {
  pairs: {
    type: "string",
    description: "evaluate on this pair file (default: the held-out pairs saved at training)",
    valueName: "file",
  },
  examples: { type: "integer", min: 0, default: 5, description: "examples printed" },
  ...COMMON,
} as const satisfies OptionSpecs;

const USAGE = `usage: rnnkit translate train|eval|run [options]   (rnnkit translate <subcommand> --help)

  train   train an encoder–decoder with attention on dates, g2p, or a pair file; saves --checkpoint
  eval    exact match, error rate and BLEU on the held-out pairs (or --pairs FILE)
  run     translate each line of standard input
`;

/** `rnnkit translate train|eval|run` */
export async function translateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === "--help" || sub === "help") {
    io.stdout.write(USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub === "train") return train(rest, io);
  if (sub === "eval") return evaluate(rest, io);
  if (sub === "run") return run(rest, io);
  throw new CliError(`unknown subcommand "${sub}": use train, eval or run`, 2);
}

async function train(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, help } = parseOptions(argv, TRANSLATE_TRAIN_OPTIONS);
  if (help) {
    io.stdout.write(
      formatHelp(
        "rnnkit translate train [options]",
        "Trains a sequence-to-sequence model and evaluates it on held-out pairs after every epoch.",
        TRANSLATE_TRAIN_OPTIONS,
      ),
    );
    return 0;
  }
  if (options.task !== undefined && options.pairs !== undefined)
    throw new CliError("give --task or --pairs, not both");
  if (existsSync(options.checkpoint) && !options.overwrite) {
    throw new CliError(`${options.checkpoint} already exists; pass --overwrite to replace it`);
  }
  const data = await loadTranslationPairs({
    ...(options.task === undefined ? {} : { task: options.task }),
    ...(options.pairs === undefined ? {} : { pairs: options.pairs }),
    count: options.count,
    seed: options.seed,
    targetLevel: options["target-level"] as VocabLevel,
  });
  const heldOutCount = Math.max(1, Math.round(data.pairs.length * options.test));
  const trainPairs = data.pairs.slice(0, data.pairs.length - heldOutCount);
  const heldOut = data.pairs.slice(data.pairs.length - heldOutCount);
  const backend = await selectBackend(options.backend);
  const vocabs = pairVocabularies(data.pairs, {
    source: { level: data.sourceLevel },
    target: { level: data.targetLevel },
  });
  const encoded = encodePairs(trainPairs, vocabs);
  const maxLength = Math.max(...encoded.map((p) => p.target.length)) + 5;
  const config = {
    cell: options.cell,
    hidden: options.hidden,
    embedding: options.embedding,
    layers: options.layers,
    attention: options.attention as AttentionType,
    bidirectional: options.bidirectional,
    seed: options.seed,
  };
  const model = makeSeq2Seq(config, vocabs.source.size, vocabs.target.size);
  const optimizer = new Adam(model.parameters(), { learningRate: options.lr });
  io.stdout.write(
    `training a ${config.bidirectional ? "bidirectional " : ""}${config.cell.toUpperCase()} encoder–decoder (${config.attention} attention, ${config.hidden} hidden, ${model.parameterCount()} parameters) on ${data.description}: ${trainPairs.length} for training, ${heldOut.length} held out; backend ${backend}\n`,
  );
  const header: TranslationHeader = {
    config,
    sourceLevel: data.sourceLevel,
    targetLevel: data.targetLevel,
    vocabs: { source: vocabs.source.toJSON(), target: vocabs.target.toJSON() },
    data: data.description,
    heldOut: heldOut.map((p) => ({ source: p.source, target: p.target })),
    maxLength,
    epochs: [],
  };
  const rng = new Rng(options.seed);
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const start = performance.now();
      let total = 0;
      let steps = 0;
      for (const batch of pairBatches(encoded, { batchSize: options.batch, shuffle: rng })) {
        total += trainStep(
          model,
          batch,
          optimizer,
          options.clip > 0 ? { clipNorm: options.clip } : {},
        );
        dispose(batch);
        steps++;
        if (io.signal?.aborted)
          throw new CliError(
            `interrupted in epoch ${epoch}; ${options.checkpoint} holds the epochs completed before it`,
            130,
          );
      }
      const predictions = translateTexts(
        model,
        vocabs,
        heldOut.map((p) => p.source),
        { beam: options.beam, maxLength },
      );
      const scores = scoreTranslations(
        predictions,
        heldOut.map((p) => p.target),
        data.targetLevel,
      );
      const seconds = (performance.now() - start) / 1000;
      header.epochs.push({ epoch, loss: total / steps, seconds, scores });
      io.stdout.write(
        `epoch ${epoch}/${options.epochs}: loss ${(total / steps).toFixed(4)} nats/token; held out: ${describeScores(scores, data.targetLevel)}; ${seconds.toFixed(1)} s\n`,
      );
      const packed = packTrainingState(model);
      saveCheckpoint(options.checkpoint, {
        kind: "seq2seq",
        header: header as unknown as Record<string, unknown>,
        sections: packed.sections,
      });
    }
    io.stdout.write(
      `checkpoint ${options.checkpoint} saved; try: rnnkit translate eval --checkpoint ${options.checkpoint}\n`,
    );
    return 0;
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}

async function evaluate(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, help } = parseOptions(argv, TRANSLATE_EVAL_OPTIONS);
  if (help) {
    io.stdout.write(
      formatHelp(
        "rnnkit translate eval [options]",
        "Scores a trained model: exact match, error rate, BLEU.",
        TRANSLATE_EVAL_OPTIONS,
      ),
    );
    return 0;
  }
  const content = loadCheckpoint(options.checkpoint, "seq2seq", "translate eval");
  await selectBackend(options.backend);
  const { model, vocabs, header } = loadTranslationModel(content, options.checkpoint);
  try {
    const pairs =
      options.pairs === undefined
        ? header.heldOut
        : (
            await loadTranslationPairs({
              pairs: options.pairs,
              count: 0,
              seed: 0,
              targetLevel: header.targetLevel,
            })
          ).pairs;
    const start = performance.now();
    const predictions = translateTexts(
      model,
      vocabs,
      pairs.map((p) => p.source),
      { beam: options.beam, maxLength: header.maxLength },
    );
    const scores = scoreTranslations(
      predictions,
      pairs.map((p) => p.target),
      header.targetLevel,
    );
    io.stdout.write(
      `${pairs.length} ${options.pairs === undefined ? "held-out " : ""}pairs, ${options.beam === 1 ? "greedy" : `beam ${options.beam}`} (${((performance.now() - start) / 1000).toFixed(1)} s): ${describeScores(scores, header.targetLevel)}\n`,
    );
    for (let i = 0; i < Math.min(options.examples, pairs.length); i++) {
      const p = pairs[i] as { source: string; target: string };
      io.stdout.write(
        `  ${p.source}  →  ${predictions[i]}${predictions[i] === p.target ? "  ✓" : `  ✗ (expected ${p.target})`}\n`,
      );
    }
    return 0;
  } finally {
    model.dispose();
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, help } = parseOptions(argv, COMMON);
  if (help) {
    io.stdout.write(
      formatHelp(
        "rnnkit translate run [options] < lines",
        "Translates each line of standard input.",
        COMMON,
      ),
    );
    return 0;
  }
  const content = loadCheckpoint(options.checkpoint, "seq2seq", "translate run");
  await selectBackend(options.backend);
  const { model, vocabs, header } = loadTranslationModel(content, options.checkpoint);
  try {
    if (io.readLines === undefined) throw new CliError("no standard input to read");
    for await (const line of io.readLines()) {
      const source = line.trim();
      if (source === "") {
        io.stdout.write("\n");
        continue;
      }
      const [translation] = translateTexts(model, vocabs, [source], {
        beam: options.beam,
        maxLength: header.maxLength,
      });
      io.stdout.write(`${translation}\n`);
    }
    return 0;
  } finally {
    model.dispose();
  }
}

function describeScores(scores: TranslationScores, level: VocabLevel): string {
  return `exact match ${(100 * scores.exactMatch).toFixed(1)}%, ${level === "word" ? "token" : "character"} error rate ${(100 * scores.errorRate).toFixed(1)}%, BLEU ${scores.bleu.toFixed(1)}`;
}
