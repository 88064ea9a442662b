import { RnnkitError, Tensor } from "@rnnkit/core-tensor";
import { checkInteger } from "../internal/check-integer.js";
import { readLogits } from "../internal/read-logits.js";
import { toRng } from "../internal/to-rng.js";
import { Vocab } from "../text/vocab.js";
import type {
  GeneratedSymbol,
  GenerateOptions,
  GenerateResult,
  StepOutput,
} from "./generate-options.js";
import { sampleFromReadLogits } from "./sample-from-logits.js";

/** The loop asks its driver to run a step, or hands it a generated symbol. */
export type LoopEvent<S> =
  | { kind: "step"; input: number | Float32Array; state: S | undefined }
  | { kind: "symbol"; symbol: GeneratedSymbol };

function collectTensors(value: unknown, into: Set<Tensor>): Set<Tensor> {
  if (value instanceof Tensor) into.add(value);
  else if (Array.isArray(value)) for (const v of value) collectTensors(v, into);
  else if (value instanceof Map) for (const v of value.values()) collectTensors(v, into);
  else if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value)) {
    for (const v of Object.values(value)) collectTensors(v, into);
  }
  return into;
}

/**
 * The decoding loop shared by `generate` (sync driver) and `generateStream` (async driver): a
 * generator that yields "step" events, receives the step's output back through next(), and yields
 * each sampled symbol. Every symbol is fed exactly once; the state is carried, never recomputed.
 */
export function* decodingLoop<S>(
  where: string,
  options: GenerateOptions<S>,
): Generator<LoopEvent<S>, GenerateResult<S>, StepOutput<S> | undefined> {
  const { vocab } = options;
  if (!(vocab instanceof Vocab)) throw new RnnkitError(where, "vocab must be a Vocab");
  if (typeof options.step !== "function") throw new RnnkitError(where, "step must be a function");
  const maxLength = checkInteger(where, "maxLength", options.maxLength ?? 100, 1);
  const inputForm = options.input ?? "index";
  if (inputForm !== "index" && inputForm !== "one-hot" && inputForm !== "embedding") {
    throw new RnnkitError(
      where,
      `input must be "index", "one-hot" or "embedding", got ${String(inputForm)}`,
    );
  }
  const vectorOptions =
    inputForm === "index" ? undefined : (options as { embed?: unknown; inputNoise?: unknown });
  const embed = vectorOptions?.embed;
  if (inputForm === "embedding" && typeof embed !== "function") {
    throw new RnnkitError(where, 'input "embedding" needs embed: (index) => vector');
  }
  const noise = vectorOptions?.inputNoise ?? 0;
  if (typeof noise !== "number" || !(noise >= 0) || !Number.isFinite(noise)) {
    throw new RnnkitError(where, `inputNoise must be a number ≥ 0, got ${String(noise)}`);
  }
  if (inputForm === "index" && (options as { inputNoise?: number }).inputNoise) {
    throw new RnnkitError(
      where,
      'inputNoise needs a vector input: use input "one-hot" or "embedding"',
    );
  }
  const suppress = options.suppress ?? [Vocab.PAD, Vocab.START];
  for (const index of suppress) {
    if (!Number.isInteger(index) || index < 0 || index >= vocab.size) {
      throw new RnnkitError(
        where,
        `suppress holds ${index}, outside the vocabulary of ${vocab.size} symbols`,
      );
    }
  }
  const rng = toRng(where, options.seed);
  const sampling = {
    temperature: options.temperature,
    topK: options.topK,
    topP: options.topP,
    rng,
  };
  const prefix = [
    ...(options.start === false ? [] : [Vocab.START]),
    ...vocab.encode(options.prime ?? "", { unknown: options.unknown }),
  ];
  if (prefix.length === 0) {
    throw new RnnkitError(
      where,
      "nothing to feed the model: start is false and the prime text is empty",
    );
  }
  const manage = options.disposeTensors ?? true;
  const callerTensors = collectTensors(options.initialState, new Set());
  let state = options.initialState;
  let logits: Float64Array = new Float64Array(0);
  let steps = 0;
  let finished = false;

  const inputOf = (index: number, fedBack: boolean): number | Float32Array => {
    if (inputForm === "index") return index;
    let vector: Float32Array;
    if (inputForm === "one-hot") {
      vector = new Float32Array(vocab.size);
      vector[index] = 1;
    } else {
      vector = Float32Array.from((embed as (index: number) => ArrayLike<number>)(index));
    }
    if (fedBack && noise > 0)
      for (let i = 0; i < vector.length; i++)
        vector[i] = (vector[i] as number) + noise * rng.nextNormal();
    return vector;
  };

  /** Takes a step's output: checks it, reads the logits, carries the state (freeing what it replaced). */
  const accept = (output: StepOutput<S> | undefined): void => {
    steps++;
    if (
      output === null ||
      typeof output !== "object" ||
      !("logits" in output) ||
      !("state" in output)
    ) {
      throw new RnnkitError(
        where,
        `step ${steps} must return { logits, state }, got ${output === null ? "null" : typeof output}`,
      );
    }
    logits = readLogits(where, output.logits);
    if (logits.length !== vocab.size) {
      throw new RnnkitError(
        where,
        `step ${steps} returned ${logits.length} logits, the vocabulary has ${vocab.size} symbols`,
      );
    }
    if (manage) {
      const kept = collectTensors(output.state, new Set());
      for (const t of collectTensors([state, output.logits], new Set())) {
        if (!kept.has(t) && !callerTensors.has(t) && !t.isDisposed) t.dispose();
      }
    }
    state = output.state;
  };

  try {
    // each symbol is fed by one "step" event (no nested generator per symbol)
    for (const index of prefix) accept(yield { kind: "step", input: inputOf(index, false), state });
    const indices: number[] = [];
    let stoppedBy: "end" | "length" = "length";
    let printed = false;
    while (indices.length < maxLength) {
      for (const index of suppress) logits[index] = Number.NEGATIVE_INFINITY;
      let masked = 0;
      for (let i = 0; i < logits.length; i++) if (logits[i] === Number.NEGATIVE_INFINITY) masked++;
      if (masked === logits.length) {
        throw new RnnkitError(
          where,
          "every symbol is suppressed or has logit −Infinity: nothing to sample",
        );
      }
      // the logits were read and checked once, in feed
      const next = sampleFromReadLogits(logits, sampling);
      if (next === Vocab.END && options.stopAtEnd !== false) {
        stoppedBy = "end";
        break;
      }
      indices.push(next);
      // the streamed pieces concatenate to vocab.decode(indices)
      let text = vocab.decode([next]);
      if (text !== "" && vocab.level === "word" && printed) text = ` ${text}`;
      printed ||= text !== "";
      yield {
        kind: "symbol",
        symbol: { index: next, symbol: vocab.symbolAt(next), text, position: indices.length - 1 },
      };
      accept(yield { kind: "step", input: inputOf(next, true), state });
    }
    finished = true;
    return { indices, text: vocab.decode(indices), state, stoppedBy, steps };
  } finally {
    // stopped early (an error, or a stream closed by its reader): the state is nobody's
    if (!finished && manage) {
      for (const t of collectTensors(state, new Set()))
        if (!callerTensors.has(t) && !t.isDisposed) t.dispose();
    }
  }
}
