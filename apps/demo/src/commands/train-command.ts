import { existsSync } from "node:fs";
import { bitsPerCharacter } from "@rnnkit/losses";
import cliProgress from "cli-progress";
import { loadCheckpoint } from "../checkpoint/load-checkpoint.js";
import { CliError } from "../cli/cli-error.js";
import type { CliIo } from "../cli/cli-io.js";
import { formatHelp, type OptionSpecs, parseOptions } from "../cli/parse-options.js";
import { removeStaleTemporaries } from "../cli/remove-stale-temporaries.js";
import { BACKENDS, selectBackend } from "../cli/select-backend.js";
import type { CharLmSettings } from "../lm/char-lm-settings.js";
import { CharLmTrainer, type TrainEvent } from "../lm/char-lm-trainer.js";
import { CELL_TYPES } from "../lm/char-model-config.js";
import { BUILTIN_CORPORA, loadCorpus } from "../lm/load-corpus.js";
import { OPTIMIZERS } from "../lm/make-optimizer.js";

export const TRAIN_OPTIONS = {
  text: { type: "string", description: "train on this UTF-8 text file", valueName: "file" },
  corpus: {
    type: "string",
    description: `built-in corpus when no --text: ${Object.keys(BUILTIN_CORPORA).join(", ")}, sotu:FROM-TO`,
    valueName: "name",
  },
  "max-chars": {
    type: "integer",
    min: 0,
    default: 0,
    description: "use only the first N characters (0: all)",
  },
  cell: { type: "string", choices: CELL_TYPES, default: "lstm", description: "recurrent cell" },
  layers: { type: "integer", min: 1, default: 1, description: "stacked recurrent layers" },
  hidden: { type: "integer", min: 1, default: 128, description: "hidden units per layer" },
  embedding: { type: "integer", min: 1, default: 32, description: "character embedding size" },
  dropout: {
    type: "number",
    min: 0,
    max: 0.99,
    default: 0,
    description: "dropout between layers and before the output",
  },
  batch: { type: "integer", min: 1, default: 32, description: "parallel streams per step" },
  tbptt: {
    type: "integer",
    min: 1,
    default: 50,
    description: "truncated-BPTT length: steps per optimizer step",
  },
  "seq-length": {
    type: "integer",
    min: 0,
    default: 0,
    description:
      "reset the hidden state every N steps, a multiple of --tbptt (0: carry it through the whole stream)",
  },
  optimizer: { type: "string", choices: OPTIMIZERS, default: "adam", description: "optimizer" },
  lr: { type: "number", above: 0, default: 0.002, description: "learning rate" },
  momentum: {
    type: "number",
    min: 0,
    max: 0.999,
    default: 0,
    description: "momentum (sgd, rmsprop)",
  },
  "lr-decay": {
    type: "number",
    above: 0,
    max: 1,
    default: 1,
    description: "multiply the learning rate by this after each epoch",
  },
  clip: {
    type: "number",
    min: 0,
    default: 5,
    description: "clip the global gradient norm (0: off)",
  },
  epochs: {
    type: "integer",
    min: 1,
    default: 10,
    description: "train until this many epochs are done",
  },
  validation: {
    type: "number",
    min: 0,
    max: 0.5,
    default: 0.1,
    description: "share of the text held out for validation",
  },
  seed: { type: "integer", min: 0, default: 1, description: "seed of the weights and dropout" },
  checkpoint: {
    type: "string",
    default: "char-lm.ckpt",
    description: "checkpoint file",
    valueName: "file",
  },
  "checkpoint-every": {
    type: "integer",
    min: 0,
    default: 0,
    description: "also save every N steps (0: after each epoch only)",
  },
  "max-steps": {
    type: "integer",
    min: 0,
    default: 0,
    description: "stop (and save) after N steps in this run (0: no limit)",
  },
  resume: { type: "boolean", description: "continue the run saved in --checkpoint" },
  overwrite: { type: "boolean", description: "start a new run even if --checkpoint exists" },
  backend: { type: "string", choices: BACKENDS, default: "cpu", description: "compute backend" },
} as const satisfies OptionSpecs;

const HELP = formatHelp(
  "rnnkit train [options]",
  "Trains a character-level language model (embedding → RNN/LSTM/GRU → softmax) with truncated BPTT.\nCtrl-C saves a checkpoint and stops; --resume continues exactly where it stopped.",
  TRAIN_OPTIONS,
);

/** Options that fix the run: on --resume they must agree with the checkpoint (or be left out). */
const FIXED: Record<string, (s: CharLmSettings) => unknown> = {
  cell: (s) => s.model.cell,
  layers: (s) => s.model.layers,
  hidden: (s) => s.model.hidden,
  embedding: (s) => s.model.embedding,
  dropout: (s) => s.model.dropout,
  batch: (s) => s.batch,
  tbptt: (s) => s.tbptt,
  "seq-length": (s) => s.seqLength,
  optimizer: (s) => s.optimizer,
  lr: (s) => s.learningRate,
  momentum: (s) => s.momentum,
  "lr-decay": (s) => s.lrDecay,
  clip: (s) => s.clip,
  validation: (s) => s.validationFraction,
  seed: (s) => s.seed,
  "max-chars": (s) => s.corpus.maxChars,
};

/** `rnnkit train` */
export async function trainCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, given, help } = parseOptions(argv, TRAIN_OPTIONS);
  if (help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (options.text !== undefined && options.corpus !== undefined) {
    throw new CliError("give --text or --corpus, not both");
  }
  const path = options.checkpoint;
  const requestedSource = options.text !== undefined ? `file:${options.text}` : options.corpus;
  let trainer: CharLmTrainer;
  let epochs = options.epochs;
  if (options.resume) {
    const content = loadCheckpoint(path, "char-lm", "train --resume");
    const settings = (content.header as { settings: CharLmSettings }).settings;
    for (const [name, read] of Object.entries(FIXED)) {
      const value = (options as Record<string, unknown>)[name];
      if (given.has(name) && value !== read(settings)) {
        throw new CliError(
          `${path} was trained with --${name} ${String(read(settings))}; this run asks for --${name} ${String(value)} (a checkpoint continues only with its own settings)`,
        );
      }
    }
    if (
      requestedSource !== undefined &&
      normalizeSource(requestedSource) !== normalizeSource(settings.corpus.source)
    ) {
      throw new CliError(
        `${path} was trained on ${settings.corpus.source}; this run asks for ${requestedSource}`,
      );
    }
    if (!given.has("epochs")) epochs = settings.epochs;
    await selectBackend(options.backend);
    trainer = CharLmTrainer.resume(
      content,
      path,
      loadCorpus(settings.corpus.source, settings.corpus.maxChars),
    );
    trainer.settings.epochs = epochs;
  } else {
    if (existsSync(path) && !options.overwrite) {
      throw new CliError(
        `${path} already exists; pass --resume to continue it or --overwrite to start a new run`,
      );
    }
    const corpus = loadCorpus(requestedSource ?? "names", options["max-chars"]);
    const backend = await selectBackend(options.backend);
    trainer = CharLmTrainer.create(
      {
        model: {
          cell: options.cell,
          layers: options.layers,
          hidden: options.hidden,
          embedding: options.embedding,
          dropout: options.dropout,
        },
        batch: options.batch,
        seqLength: options["seq-length"],
        tbptt: options.tbptt,
        optimizer: options.optimizer,
        learningRate: options.lr,
        momentum: options.momentum,
        lrDecay: options["lr-decay"],
        clip: options.clip,
        seed: options.seed,
        validationFraction: options.validation,
        epochs,
      },
      corpus,
      options["max-chars"],
    );
    const s = trainer.settings;
    io.stdout.write(
      `training a ${s.model.layers}-layer ${s.model.cell.toUpperCase()} (${s.model.hidden} hidden, ${trainer.model.parameterCount()} parameters) on ${corpus.description}: ${corpus.text.length} characters, ${trainer.vocab.size} symbols; backend ${backend}\n`,
    );
  }
  removeStaleTemporaries(path);
  try {
    const start = trainer.position;
    if (start.epoch >= epochs) {
      io.stdout.write(
        `${path} has already trained ${start.epoch} epochs; pass --epochs N (N > ${start.epoch}) to train longer\n`,
      );
      return 0;
    }
    if (options.resume) {
      io.stdout.write(
        `resuming ${path} at epoch ${start.epoch + 1}, step ${start.chunk + 1} of ${trainer.streams.numChunks} (step ${start.step} overall)\n`,
      );
    }
    const progress = makeProgress(io, trainer, epochs);
    const result = await trainer.run({
      epochs,
      checkpointPath: path,
      checkpointEvery: options["checkpoint-every"],
      maxSteps: options["max-steps"],
      ...(io.signal === undefined ? {} : { signal: io.signal }),
      onEvent: (event) => progress(event),
    });
    progress(undefined);
    if (result.interrupted) {
      const p = trainer.position;
      io.stderr.write(
        `interrupted: checkpoint saved to ${path} (epoch ${p.epoch + 1}, step ${p.chunk} of ${trainer.streams.numChunks}); continue with: rnnkit train --resume --checkpoint ${path}\n`,
      );
      return 130;
    }
    if (result.limited) {
      const p = trainer.position;
      io.stdout.write(
        `stopped after ${options["max-steps"]} steps (--max-steps): checkpoint saved to ${path} (epoch ${p.epoch + 1}, step ${p.chunk} of ${trainer.streams.numChunks}); continue with: rnnkit train --resume --checkpoint ${path}\n`,
      );
      return 0;
    }
    const last = trainer.history.epochs.at(-1);
    io.stdout.write(
      `done: ${trainer.position.epoch} epochs, ${trainer.position.step} steps; checkpoint ${path}${last?.validationLoss != null ? `; validation ${bitsPerCharacter(last.validationLoss).toFixed(3)} bits/char` : ""}\n`,
    );
    return 0;
  } finally {
    trainer.dispose();
  }
}

function normalizeSource(source: string): string {
  return source === "sotu" ? "sotu:2009-2021" : source;
}

/**
 * Progress: a cli-progress bar on a terminal (loss, bits/char, chars/s, ETA of the run), and one
 * line per epoch and per checkpoint in any case. Called with undefined to stop the bar.
 */
function makeProgress(
  io: CliIo,
  trainer: CharLmTrainer,
  epochs: number,
): (event: TrainEvent | undefined) => void {
  const K = trainer.streams.numChunks;
  const total = epochs * K;
  let bar: cliProgress.SingleBar | undefined;
  let smoothLoss: number | undefined;
  let speed = 0;
  let last = performance.now();
  let epochStart = performance.now();
  let epochChars = 0;
  if (io.interactive) {
    bar = new cliProgress.SingleBar(
      {
        format:
          "epoch {epoch}/{epochs} {bar} {percentage}% | loss {loss} | {bpc} bits/char | {speed} chars/s | ETA {eta_formatted}",
        barsize: 24,
        etaBuffer: 50,
        hideCursor: true,
        stream: io.stderr as NodeJS.WritableStream,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, trainer.position.epoch * K + trainer.position.chunk, {
      epoch: trainer.position.epoch + 1,
      epochs,
      loss: "-",
      bpc: "-",
      speed: "-",
    });
  }
  return (event) => {
    if (event === undefined) {
      bar?.stop();
      return;
    }
    if (event.type === "step") {
      const now = performance.now();
      const instant = (event.charsPerStep * 1000) / Math.max(now - last, 1);
      last = now;
      epochChars += event.charsPerStep;
      speed = speed === 0 ? instant : 0.9 * speed + 0.1 * instant;
      smoothLoss = smoothLoss === undefined ? event.loss : 0.95 * smoothLoss + 0.05 * event.loss;
      bar?.update((event.epoch - 1) * K + event.chunk, {
        epoch: event.epoch,
        loss: smoothLoss.toFixed(3),
        bpc: bitsPerCharacter(smoothLoss).toFixed(3),
        speed: speed.toFixed(0),
      });
      return;
    }
    const write = (line: string): void => {
      if (bar !== undefined) io.stderr.write("\r\x1b[K"); // clear the bar's line
      io.stdout.write(line);
      bar?.render();
    };
    if (event.type === "epoch") {
      const r = event.record;
      const seconds = (performance.now() - epochStart) / 1000;
      const validation =
        r.validationLoss === null
          ? "no validation text"
          : `validation ${r.validationLoss.toFixed(4)} nats = ${bitsPerCharacter(r.validationLoss).toFixed(3)} bits/char`;
      write(
        `epoch ${r.epoch}/${epochs}: train ${r.trainLoss.toFixed(4)} nats = ${bitsPerCharacter(r.trainLoss).toFixed(3)} bits/char, ${validation}; ${seconds.toFixed(1)} s, ${(epochChars / seconds).toFixed(0)} chars/s\n`,
      );
      epochStart = performance.now();
      epochChars = 0;
    } else if (event.reason === "epoch") {
      write(
        `checkpoint ${event.path} saved (${event.reason === "epoch" ? `after epoch ${event.position.epoch}` : `at step ${event.position.step}`})\n`,
      );
    }
  };
}
