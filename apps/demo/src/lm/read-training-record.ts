import { loadCheckpoint } from "../checkpoint/load-checkpoint.js";
import type { EpochRecord, TrainPosition } from "./char-lm-trainer.js";

/** What a char-lm checkpoint records of its training: per-step losses, epochs, position. */
export interface TrainingRecord {
  losses: number[];
  epochs: EpochRecord[];
  position: TrainPosition;
  vocabSize: number;
}

/** Reads the training record of a char-lm checkpoint. */
export function readTrainingRecord(path: string): TrainingRecord {
  const header = loadCheckpoint(path, "char-lm", "train").header as {
    history: { losses: number[]; epochs: EpochRecord[] };
    position: TrainPosition;
    vocab: { symbols: string[] };
  };
  return { ...header.history, position: header.position, vocabSize: header.vocab.symbols.length };
}
