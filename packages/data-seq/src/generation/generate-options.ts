import type { Rng, Tensor } from "@rnnkit/core-tensor";
import type { Vocab } from "../text/vocab.js";
import type { SamplingOptions } from "./sampling-distribution.js";

/** What a model's step returns: the next-symbol logits [V] (or [1, V]) and its new state. */
export interface StepOutput<S> {
  logits: Float32Array | Float64Array | readonly number[] | Tensor;
  state: S;
}

/**
 * One step of any recurrent model: reads one input symbol and the state left by the previous step
 * (`undefined` on the first step unless `initialState` is given), and returns logits and the new
 * state. `generate` feeds each symbol once, so the prefix is never recomputed.
 */
export type StepFunction<I, S> = (input: I, state: S | undefined) => StepOutput<S>;

interface GenerateBaseOptions<S> extends SamplingOptions {
  vocab: Vocab;
  /** Most symbols to generate (default 100). */
  maxLength?: number;
  /** Text fed after <START> (or alone when start is false) before sampling begins. */
  prime?: string;
  /** Feed <START> first (default true). */
  start?: boolean;
  /** State for the first step (default undefined: the model starts from zeros). Not disposed. */
  initialState?: S;
  /** Seed or generator: the same seed gives the same sample (default: the global generator). */
  seed?: Rng | number;
  /** Stop when <END> is sampled; it is not part of the output (default true). */
  stopAtEnd?: boolean;
  /** Indices never sampled (default [<PAD>, <START>]). */
  suppress?: readonly number[];
  /** Unknown symbols in the prime text: "error" (default) or "unk". */
  unknown?: "error" | "unk";
  /**
   * Dispose tensors the steps returned once they are replaced: tensor logits after reading them,
   * the previous state when a step returns a new one (default true). Tensors of `initialState`
   * are never disposed; the final state goes to the caller.
   */
  disposeTensors?: boolean;
}

/** The step gets the symbol's index (a model with an Embedding, or one that one-hot encodes). */
export interface GenerateIndexOptions<S> extends GenerateBaseOptions<S> {
  input?: "index";
  step: StepFunction<number, S>;
}

/**
 * The step gets a vector: the one-hot row of the symbol ("one-hot", length V) or `embed(index)`
 * ("embedding"). `inputNoise` σ adds N(0, σ²) noise to each element of every fed-back (sampled)
 * symbol's vector, which varies the output.
 */
export interface GenerateVectorOptions<S> extends GenerateBaseOptions<S> {
  input: "one-hot" | "embedding";
  step: StepFunction<Float32Array, S>;
  /** Required for "embedding": the vector of a symbol index. */
  embed?: (index: number) => ArrayLike<number>;
  /** σ ≥ 0 of the Gaussian noise on fed-back inputs (default 0). */
  inputNoise?: number;
}

export type GenerateOptions<S> = GenerateIndexOptions<S> | GenerateVectorOptions<S>;

/** A step that may be async, for `generateStream`. */
export type AsyncStepFunction<I, S> = (
  input: I,
  state: S | undefined,
) => StepOutput<S> | Promise<StepOutput<S>>;

/** `GenerateOptions` whose step may return a Promise. */
export type GenerateStreamOptions<S> =
  | (Omit<GenerateIndexOptions<S>, "step"> & { step: AsyncStepFunction<number, S> })
  | (Omit<GenerateVectorOptions<S>, "step"> & { step: AsyncStepFunction<Float32Array, S> });

/** One generated symbol, as `generateStream` yields it. */
export interface GeneratedSymbol {
  index: number;
  /** The vocabulary's symbol ("<END>" for index 2). */
  symbol: string;
  /** What it adds to the decoded text: "" for <PAD>/<START>/<END>, a space before a later word. */
  text: string;
  /** 0 for the first generated symbol. */
  position: number;
}

export interface GenerateResult<S> {
  /** The generated indices (prime and <START> not included, <END> not included). */
  indices: number[];
  /** vocab.decode(indices). */
  text: string;
  /** The state after the last fed symbol: every prime and generated symbol has been read. */
  state: S | undefined;
  stoppedBy: "end" | "length";
  /** Number of step calls: the fed prefix + the generated symbols. */
  steps: number;
}
