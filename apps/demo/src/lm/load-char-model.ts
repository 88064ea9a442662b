import { Rng } from "@rnnkit/core-tensor";
import { Vocab } from "@rnnkit/data-seq";
import type { CheckpointContent } from "../checkpoint/checkpoint-content.js";
import { unpackTrainingState } from "../checkpoint/unpack-training-state.js";
import type { CharLmSettings } from "./char-lm-settings.js";
import { CharModel } from "./char-model.js";

/** The model and vocabulary of a char-lm checkpoint, in evaluation mode. */
export function loadCharModel(
  content: CheckpointContent,
  path: string,
): { model: CharModel; vocab: Vocab; settings: CharLmSettings; epochs: number } {
  const header = content.header as {
    settings: CharLmSettings;
    vocab: unknown;
    position: { epoch: number };
  };
  const vocab = Vocab.fromJSON(header.vocab);
  const model = new CharModel(
    { ...header.settings.model, vocabSize: vocab.size },
    new Rng(header.settings.seed),
  );
  unpackTrainingState(content, path, model);
  model.eval();
  return { model, vocab, settings: header.settings, epochs: header.position.epoch };
}
