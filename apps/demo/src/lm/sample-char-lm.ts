import { reshape, type Tensor, tensor, tidy } from "@rnnkit/core-tensor";
import { type GeneratedSymbol, generateStream, Vocab } from "@rnnkit/data-seq";
import { CliError } from "../cli/cli-error.js";
import type { CharModel } from "./char-model.js";

export interface SampleOptions {
  /** Text the model reads first (its state carries on from there). */
  prime: string;
  length: number;
  temperature: number;
  /** Sample among the k most likely characters (0: all). */
  topK: number;
  /** σ of Gaussian noise added to the embedding of every fed-back character. */
  noise: number;
  seed: number;
}

/**
 * Generates text one character at a time: feed the prime, then repeatedly sample the next
 * character from softmax(logits / temperature) (top-k), feed it back, and yield it at once.
 */
export async function* sampleCharLm(
  model: CharModel,
  vocab: Vocab,
  options: SampleOptions,
): AsyncGenerator<GeneratedSymbol> {
  const unknown = [...options.prime].filter((ch) => vocab.indexOf(ch) === undefined);
  if (unknown.length > 0) {
    throw new CliError(
      `--prime has characters the model never saw: ${[...new Set(unknown)].map((ch) => JSON.stringify(ch)).join(", ")}`,
    );
  }
  const E = model.config.embedding;
  const V = vocab.size;
  // one time step per character (the layers' step API), the states carried by generateStream
  const step = (vector: Float32Array, state: Tensor[][] | undefined) =>
    tidy(() => {
      const out = model.stepEmbedded(tensor(vector, [1, E]), state);
      return { logits: reshape(out.logits, [V]), state: out.states };
    });
  yield* generateStream({
    vocab,
    input: "embedding",
    embed: (index) => model.embed(index),
    inputNoise: options.noise,
    step,
    prime: options.prime,
    start: false,
    stopAtEnd: false,
    suppress: [Vocab.PAD, Vocab.START, Vocab.END, Vocab.UNK],
    maxLength: options.length,
    temperature: options.temperature,
    ...(options.topK > 0 ? { topK: options.topK } : {}),
    seed: options.seed,
  });
}
