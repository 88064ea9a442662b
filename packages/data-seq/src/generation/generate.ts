import { RnnkitError } from "@rnnkit/core-tensor";
import { decodingLoop } from "./decoding-loop.js";
import type { GenerateOptions, GenerateResult, StepOutput } from "./generate-options.js";

/**
 * Generates text from any recurrent model, one step at a time: feeds <START> (and the prime
 * text), then repeatedly samples the next symbol from the step's logits (greedy, temperature,
 * top-k, top-p) and feeds it back with the carried state, until <END> or `maxLength`. The same
 * seed gives the same sample. For a stream of symbols (or an async step) use `generateStream`.
 * @example
 * const { text } = generate({ vocab, step: (index, state) => model.step(index, state), seed: 1, temperature: 0.8 });
 */
export function generate<S>(options: GenerateOptions<S>): GenerateResult<S> {
  const loop = decodingLoop("generate", options);
  let reply: StepOutput<S> | undefined;
  try {
    for (;;) {
      const event = loop.next(reply as StepOutput<S>);
      if (event.done) return event.value;
      reply = undefined;
      if (event.value.kind === "step") {
        const step = options.step as (
          input: number | Float32Array,
          state: S | undefined,
        ) => StepOutput<S>;
        const output: unknown = step(event.value.input, event.value.state);
        if (output instanceof Promise) {
          output.catch(() => {}); // nobody awaits it
          throw new RnnkitError(
            "generate",
            "step returned a Promise; use generateStream for an async step",
          );
        }
        reply = output as StepOutput<S>;
      }
    }
  } finally {
    loop.return(undefined as never);
  }
}
