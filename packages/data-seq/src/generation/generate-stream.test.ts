import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { memory, RnnkitError, type Tensor, tensor } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { Vocab } from "../text/vocab.js";
import { generate } from "./generate.js";
import type { GeneratedSymbol, GenerateResult, StepOutput } from "./generate-options.js";
import { generateStream } from "./generate-stream.js";

registerCpuBackend();

const vocab = Vocab.fromCorpus("abc");

/** A model whose logits depend on the carried count, so the output depends on the state. */
const step = (index: number, state: number | undefined): StepOutput<number> => {
  const count = (state ?? 0) + index;
  return { logits: [0, 0, 0, 0, count % 3, (count * 7) % 5, 1], state: count };
};

async function collect<S>(
  stream: AsyncGenerator<GeneratedSymbol, GenerateResult<S>, undefined>,
): Promise<{ symbols: GeneratedSymbol[]; result: GenerateResult<S> }> {
  const symbols: GeneratedSymbol[] = [];
  for (;;) {
    const item = await stream.next();
    if (item.done) return { symbols, result: item.value };
    symbols.push(item.value);
  }
}

describe("generateStream", () => {
  it("yields the same symbols as generate for the same seed, and returns the same result", async () => {
    const options = {
      vocab,
      step,
      seed: 7,
      temperature: 1.5,
      topK: 3,
      maxLength: 40,
      stopAtEnd: false,
    };
    const expected = generate(options);
    const { symbols, result } = await collect(generateStream(options));
    expect(symbols.map((s) => s.index)).toEqual(expected.indices);
    expect(symbols.map((s) => s.position)).toEqual(expected.indices.map((_, i) => i));
    expect(symbols.map((s) => s.symbol)).toEqual(expected.indices.map((i) => vocab.symbolAt(i)));
    expect(symbols.map((s) => s.text).join("")).toBe(expected.text);
    expect(expected.indices).toContain(Vocab.END); // printed as ""
    expect(result).toEqual(expected);
  });

  it("streams word-level text with spaces between words", async () => {
    const words = Vocab.fromCorpus("the cat sat", { level: "word" });
    const wordStep = (index: number, state: undefined): StepOutput<undefined> => {
      const logits = new Float32Array(words.size);
      // cat = 4, sat = 5, the = 6: <START> → the → cat → sat → sat …
      logits[index === Vocab.START ? 6 : index === 6 ? 4 : 5] = 1;
      return { logits, state };
    };
    const { symbols, result } = await collect(
      generateStream({ vocab: words, step: wordStep, temperature: 0, maxLength: 3 }),
    );
    expect(result.text).toBe("the cat sat");
    expect(symbols.map((s) => s.text)).toEqual(["the", " cat", " sat"]);
  });

  it("takes an async step", async () => {
    const asyncStep = async (index: number, state: number | undefined) => step(index, state);
    const { result } = await collect(
      generateStream({ vocab, step: asyncStep, seed: 7, maxLength: 10 }),
    );
    expect(result).toEqual(generate({ vocab, step, seed: 7, maxLength: 10 }));
  });

  it("works with for await, and frees the carried state when the reader stops early", async () => {
    const before = memory().numTensors;
    const tensorStep = (_: number, state: Tensor | undefined): StepOutput<Tensor> => ({
      logits: [0, 0, 0, 0, 1, 1, 1],
      state: tensor([(state?.dataSync()[0] ?? 0) + 1]),
    });
    let text = "";
    for await (const piece of generateStream({
      vocab,
      step: tensorStep,
      seed: 1,
      maxLength: 100,
    })) {
      text += piece.text;
      const { position } = piece;
      if (position === 4) break;
    }
    expect(text).toHaveLength(5);
    expect(memory().numTensors).toBe(before);
  });

  it("reports errors from the options and the step", async () => {
    await expect(collect(generateStream({ vocab, step, maxLength: -1 }))).rejects.toThrow(
      RnnkitError,
    );
    await expect(collect(generateStream({ vocab, step, maxLength: -1 }))).rejects.toThrow(
      /generateStream: maxLength must be a positive integer, got -1/,
    );
    const failing = async (): Promise<StepOutput<number>> => {
      throw new Error("GPU lost");
    };
    await expect(collect(generateStream({ vocab, step: failing }))).rejects.toThrow("GPU lost");
  });
});
