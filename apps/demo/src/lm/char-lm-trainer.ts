import { createHash } from "node:crypto";
import { dispose, Rng, RnnkitError, type Tensor, tensor, tidy } from "@rnnkit/core-tensor";
import {
  type ContiguousStreams,
  contiguousStreams,
  type StreamChunk,
  trainValidationSplit,
  Vocab,
} from "@rnnkit/data-seq";
import { crossEntropy } from "@rnnkit/losses";
import { ExponentialLR, type Optimizer, trainBptt } from "@rnnkit/optim";
import type { CheckpointContent } from "../checkpoint/checkpoint-content.js";
import { type OptimizerHeader, packTrainingState } from "../checkpoint/pack-training-state.js";
import { saveCheckpoint } from "../checkpoint/save-checkpoint.js";
import { unpackTrainingState } from "../checkpoint/unpack-training-state.js";
import { CliError } from "../cli/cli-error.js";
import type { CharLmSettings } from "./char-lm-settings.js";
import { CharModel, type RecurrentState } from "./char-model.js";
import type { Corpus } from "./load-corpus.js";
import { makeOptimizer } from "./make-optimizer.js";

/** Where training stands: completed epochs, the next chunk of the current epoch, steps so far. */
export interface TrainPosition {
  epoch: number;
  chunk: number;
  step: number;
}

export interface EpochRecord {
  /** 1 for the first epoch. */
  epoch: number;
  /** Mean cross-entropy (nats per character) of the epoch's steps. */
  trainLoss: number;
  /** Mean cross-entropy on the validation text (null when the text is too short for one). */
  validationLoss: number | null;
  learningRate: number;
}

export type TrainEvent =
  | {
      type: "step";
      epoch: number;
      chunk: number;
      chunks: number;
      step: number;
      loss: number;
      charsPerStep: number;
    }
  | { type: "epoch"; record: EpochRecord }
  | {
      type: "checkpoint";
      path: string;
      position: TrainPosition;
      reason: "interval" | "epoch" | "interrupt" | "limit";
    };

export interface RunOptions {
  /** Train until this many epochs are complete. */
  epochs: number;
  checkpointPath?: string;
  /** Also save every this many steps (0: only after each epoch). */
  checkpointEvery?: number;
  /** Stop after the current step, save, and return `interrupted: true`. */
  signal?: AbortSignal;
  /** Stop (and save) after this many steps in this call (0: no limit). */
  maxSteps?: number;
  onEvent?: (event: TrainEvent) => void;
}

/** The header of a char-lm checkpoint. */
interface CharLmHeader {
  settings: CharLmSettings;
  vocab: unknown;
  position: TrainPosition;
  rng: number[];
  optimizer: OptimizerHeader;
  scheduler: { lastEpoch: number };
  history: { losses: number[]; epochs: EpochRecord[] };
  /** Whether the state section holds the hidden state carried into the next chunk. */
  carried: boolean;
}

/**
 * Trains a character language model with truncated BPTT over contiguous streams (char-rnn's
 * layout), validates after each epoch, and checkpoints everything needed to continue exactly:
 * weights, optimizer slots, learning-rate schedule, the random generator, the position in the
 * data and the hidden state carried into the next chunk. A resumed run computes the same losses
 * as one that was never stopped.
 */
export class CharLmTrainer {
  readonly settings: CharLmSettings;
  readonly vocab: Vocab;
  readonly model: CharModel;
  readonly optimizer: Optimizer;
  readonly position: TrainPosition;
  readonly history: { losses: number[]; epochs: EpochRecord[] };
  readonly streams: ContiguousStreams;
  private readonly validation: ContiguousStreams | undefined;
  private readonly rng: Rng;
  private readonly scheduler: ExponentialLR | undefined;
  private carried: RecurrentState | undefined;

  private constructor(settings: CharLmSettings, corpus: Corpus, vocab: Vocab) {
    this.settings = settings;
    this.vocab = vocab;
    const indices = vocab.encode(corpus.text, { unknown: "unk" });
    const { train, validation } = trainValidationSplit(indices, {
      validationFraction: settings.validationFraction,
    });
    this.streams = makeStreams(train, settings.batch, settings.tbptt, corpus.description);
    this.validation = validationStreams(validation, settings.batch, settings.tbptt);
    this.rng = new Rng(settings.seed);
    this.model = new CharModel({ ...settings.model, vocabSize: vocab.size }, this.rng);
    this.optimizer = makeOptimizer(
      settings.optimizer,
      this.model.parameters(),
      settings.learningRate,
      settings.momentum,
    );
    this.scheduler =
      settings.lrDecay === 1
        ? undefined
        : new ExponentialLR(this.optimizer, { gamma: settings.lrDecay });
    this.position = { epoch: 0, chunk: 0, step: 0 };
    this.history = { losses: [], epochs: [] };
  }

  /** A fresh run on `corpus`. */
  static create(
    settings: Omit<CharLmSettings, "corpus">,
    corpus: Corpus,
    maxChars: number,
  ): CharLmTrainer {
    const full: CharLmSettings = {
      ...settings,
      corpus: {
        source: corpus.source,
        maxChars,
        sha256: sha256(corpus.text),
        chars: corpus.text.length,
      },
    };
    if (settings.seqLength > 0 && settings.seqLength % settings.tbptt !== 0) {
      throw new CliError(
        `--seq-length ${settings.seqLength} must be a multiple of --tbptt ${settings.tbptt} (or 0)`,
      );
    }
    return new CharLmTrainer(full, corpus, Vocab.fromCorpus(corpus.text));
  }

  /** Continues a checkpointed run; `corpus` must be the text it was trained on. */
  static resume(content: CheckpointContent, path: string, corpus: Corpus): CharLmTrainer {
    const header = content.header as unknown as CharLmHeader;
    if (sha256(corpus.text) !== header.settings.corpus.sha256) {
      throw new CliError(
        `${path} was trained on another text (${header.settings.corpus.source}, ${header.settings.corpus.chars} characters); resume needs the same corpus`,
      );
    }
    const trainer = new CharLmTrainer(header.settings, corpus, Vocab.fromJSON(header.vocab));
    const extra = unpackTrainingState(content, path, trainer.model, {
      optimizer: trainer.optimizer,
      header: header.optimizer,
    });
    trainer.rng.setState(header.rng);
    trainer.scheduler?.loadStateDict(header.scheduler);
    Object.assign(trainer.position, header.position);
    trainer.history.losses.push(...header.history.losses);
    trainer.history.epochs.push(...header.history.epochs);
    if (header.carried) {
      const h = extra.h;
      const c = extra.c;
      if (h === undefined) throw new CliError(`${path}: the carried hidden state is missing`);
      trainer.carried = {
        h: tensor(h.values, h.shape, h.dtype),
        ...(c === undefined ? {} : { c: tensor(c.values, c.shape, c.dtype) }),
      };
    }
    return trainer;
  }

  /**
   * Trains until `options.epochs` epochs are complete or the signal aborts. Yields to the event
   * loop after every step, so Ctrl-C handlers and progress bars run.
   */
  async run(options: RunOptions): Promise<{ interrupted: boolean; limited: boolean }> {
    const K = this.streams.numChunks;
    const T = this.settings.tbptt;
    const resetEvery = this.settings.seqLength === 0 ? 0 : this.settings.seqLength / T;
    const emit = options.onEvent ?? (() => {});
    let stepsThisRun = 0;
    const save = (reason: "interval" | "epoch" | "interrupt" | "limit"): void => {
      if (options.checkpointPath === undefined) return;
      saveCheckpoint(options.checkpointPath, this.toCheckpoint());
      emit({
        type: "checkpoint",
        path: options.checkpointPath,
        position: { ...this.position },
        reason,
      });
    };
    const lossFunction = (chunk: StreamChunk, state: RecurrentState | undefined) => {
      const B = chunk.inputs.length;
      const x = tensor(Int32Array.from(chunk.inputs.flat()), [B, T], "int32");
      const y = tensor(Int32Array.from(chunk.targets.flat()), [B, T], "int32");
      const out = this.model.forward(x, state);
      return { loss: crossEntropy(out.logits, y), state: out.state };
    };
    while (this.position.epoch < options.epochs) {
      this.model.train();
      while (this.position.chunk < K) {
        if (options.signal?.aborted) {
          save("interrupt");
          return { interrupted: true, limited: false };
        }
        if ((options.maxSteps ?? 0) > 0 && stepsThisRun >= (options.maxSteps ?? 0)) {
          save("limit");
          return { interrupted: false, limited: true };
        }
        stepsThisRun++;
        const k = this.position.chunk;
        if (resetEvery > 0 && k % resetEvery === 0) this.dropCarried();
        const chunk = this.streams.chunks[k] as StreamChunk;
        const result = trainBptt(lossFunction, [chunk], this.optimizer, {
          ...(this.carried === undefined ? {} : { initialState: this.carried }),
          ...(this.settings.clip > 0 ? { clipNorm: this.settings.clip } : {}),
        });
        this.dropCarried();
        this.carried = result.state;
        const loss = result.losses[0] as number;
        this.history.losses.push(loss);
        this.position.chunk++;
        this.position.step++;
        emit({
          type: "step",
          epoch: this.position.epoch + 1,
          chunk: k + 1,
          chunks: K,
          step: this.position.step,
          loss,
          charsPerStep: chunk.inputs.length * T,
        });
        await new Promise<void>((resolve) => setImmediate(resolve));
        const every = options.checkpointEvery ?? 0;
        if (every > 0 && this.position.step % every === 0 && this.position.chunk < K)
          save("interval");
      }
      const epochLosses = this.history.losses.slice(-K);
      const record: EpochRecord = {
        epoch: this.position.epoch + 1,
        trainLoss: epochLosses.reduce((a, b) => a + b, 0) / K,
        validationLoss: this.validationLoss(),
        learningRate: this.optimizer.learningRate,
      };
      this.history.epochs.push(record);
      this.scheduler?.step();
      this.dropCarried();
      this.position.epoch++;
      this.position.chunk = 0;
      emit({ type: "epoch", record });
      save("epoch");
    }
    return { interrupted: false, limited: false };
  }

  /** Mean cross-entropy (nats per character) on the validation text, state carried throughout. */
  validationLoss(): number | null {
    const streams = this.validation;
    if (streams === undefined) return null;
    this.model.eval();
    let state: RecurrentState | undefined;
    let total = 0;
    for (const chunk of streams.chunks) {
      const next = tidy(() => {
        const B = chunk.inputs.length;
        const T = streams.length;
        const x = tensor(Int32Array.from(chunk.inputs.flat()), [B, T], "int32");
        const y = tensor(Int32Array.from(chunk.targets.flat()), [B, T], "int32");
        const out = this.model.forward(x, state);
        total += crossEntropy(out.logits, y).dataSync()[0] as number;
        return out.state.c === undefined ? [out.state.h] : [out.state.h, out.state.c];
      });
      if (state !== undefined) dispose(state.c === undefined ? [state.h] : [state.h, state.c]);
      state =
        next.length === 2
          ? { h: next[0] as Tensor, c: next[1] as Tensor }
          : { h: next[0] as Tensor };
    }
    if (state !== undefined) dispose(state.c === undefined ? [state.h] : [state.h, state.c]);
    this.model.train();
    return total / streams.numChunks;
  }

  /** Everything needed to continue exactly (see CharLmHeader). */
  toCheckpoint(): CheckpointContent {
    const extra: Record<string, Tensor> = {};
    if (this.carried !== undefined) {
      extra.h = this.carried.h;
      if (this.carried.c !== undefined) extra.c = this.carried.c;
    }
    const packed = packTrainingState(this.model, this.optimizer, extra);
    const header: CharLmHeader = {
      settings: this.settings,
      vocab: this.vocab.toJSON(),
      position: { ...this.position },
      rng: [...this.rng.getState()],
      optimizer: packed.optimizer as OptimizerHeader,
      scheduler: this.scheduler?.stateDict() ?? { lastEpoch: 0 },
      history: this.history,
      carried: this.carried !== undefined,
    };
    return {
      kind: "char-lm",
      header: header as unknown as Record<string, unknown>,
      sections: packed.sections,
    };
  }

  dispose(): void {
    this.dropCarried();
    this.optimizer.dispose();
    this.model.dispose();
  }

  private dropCarried(): void {
    if (this.carried === undefined) return;
    dispose(this.carried.c === undefined ? [this.carried.h] : [this.carried.h, this.carried.c]);
    this.carried = undefined;
  }
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function makeStreams(
  train: number[],
  batch: number,
  tbptt: number,
  description: string,
): ContiguousStreams {
  try {
    return contiguousStreams(train, { batchSize: batch, length: tbptt });
  } catch (error) {
    if (error instanceof RnnkitError) {
      throw new CliError(
        `the corpus ${description} is too small for --batch ${batch} and --tbptt ${tbptt} (${train.length} training characters): ${error.message.replace(/^contiguousStreams: /, "")}`,
      );
    }
    throw error;
  }
}

/** Validation streams: as many of the training batch's rows as the text allows, shorter chunks if needed. */
function validationStreams(
  validation: number[],
  batch: number,
  tbptt: number,
): ContiguousStreams | undefined {
  const pairs = validation.length - 1;
  if (pairs < 1) return undefined;
  const length = Math.min(tbptt, pairs);
  const batchSize = Math.max(1, Math.min(batch, Math.floor(pairs / length)));
  return contiguousStreams(validation, { batchSize, length });
}
