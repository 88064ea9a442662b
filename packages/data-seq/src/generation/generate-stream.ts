import { decodingLoop } from "./decoding-loop.js";
import type {
  GeneratedSymbol,
  GenerateOptions,
  GenerateResult,
  GenerateStreamOptions,
  StepOutput,
} from "./generate-options.js";

/**
 * `generate` as an async iterator: yields each symbol as soon as it is sampled (for streaming to
 * a terminal or a page); the iterator's return value is the full `GenerateResult`. Same options
 * and seeds as `generate`, and the step may return a Promise. Leaving the loop early (break)
 * disposes the state it carried.
 * @example for await (const { symbol } of generateStream({ vocab, step, seed: 1 })) process.stdout.write(symbol);
 */
export async function* generateStream<S>(
  options: GenerateStreamOptions<S>,
): AsyncGenerator<GeneratedSymbol, GenerateResult<S>, undefined> {
  // the loop never calls step itself: only its type differs
  const loop = decodingLoop("generateStream", options as GenerateOptions<S>);
  const step = options.step as (
    input: number | Float32Array,
    state: S | undefined,
  ) => StepOutput<S> | Promise<StepOutput<S>>;
  let reply: StepOutput<S> | undefined;
  try {
    for (;;) {
      const event = loop.next(reply as StepOutput<S>);
      if (event.done) return event.value;
      reply = undefined;
      if (event.value.kind === "step") reply = await step(event.value.input, event.value.state);
      else yield event.value.symbol;
    }
  } finally {
    loop.return(undefined as never);
  }
}
