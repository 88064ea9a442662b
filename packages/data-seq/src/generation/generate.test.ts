import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { memory, Rng, RnnkitError, type Tensor, tensor, tidy } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { Vocab } from "../text/vocab.js";
import { generate } from "./generate.js";
import type { StepOutput } from "./generate-options.js";

registerCpuBackend();

const vocab = Vocab.fromCorpus("abc"); // a = 4, b = 5, c = 6
const [A, B, C] = [4, 5, 6];

interface History {
  seen: number[];
}

/** A model that prefers the next letter of a → b → c → a (after <START>: a), and logs its inputs. */
function cyclic(
  next: Record<number, number> = { [Vocab.START]: A, [A]: B, [B]: C, [C]: A, [Vocab.UNK]: A },
) {
  return (index: number, state: History | undefined): StepOutput<History> => {
    const logits = new Float32Array(vocab.size);
    logits[next[index] as number] = 5;
    return { logits, state: { seen: [...(state?.seen ?? []), index] } };
  };
}

const uniform = (_input: number | Float32Array, state: number | undefined): StepOutput<number> => ({
  logits: new Float32Array(vocab.size),
  state: (state ?? 0) + 1,
});

describe("generate", () => {
  it("feeds <START>, then each sampled symbol once, carrying the state", () => {
    const result = generate({ vocab, step: cyclic(), temperature: 0, maxLength: 6 });
    expect(result.text).toBe("abcabc");
    expect(result.indices).toEqual([A, B, C, A, B, C]);
    expect(result.stoppedBy).toBe("length");
    // every symbol fed exactly once, in order: the prefix is never recomputed
    expect(result.steps).toBe(7);
    expect(result.state?.seen).toEqual([Vocab.START, A, B, C, A, B, C]);
  });

  it("primes with a text (after <START>, or alone)", () => {
    const primed = generate({ vocab, step: cyclic(), temperature: 0, maxLength: 4, prime: "ca" });
    expect(primed.text).toBe("bcab");
    expect(primed.state?.seen).toEqual([Vocab.START, C, A, B, C, A, B]);
    expect(primed.steps).toBe(3 + 4);
    const bare = generate({
      vocab,
      step: cyclic(),
      temperature: 0,
      maxLength: 3,
      prime: "b",
      start: false,
    });
    expect(bare.text).toBe("cab");
    expect(bare.state?.seen).toEqual([B, C, A, B]);
  });

  it("continues from a given state", () => {
    const first = generate({ vocab, step: cyclic(), temperature: 0, maxLength: 2 });
    const second = generate({
      vocab,
      step: cyclic(),
      temperature: 0,
      maxLength: 2,
      initialState: first.state,
      start: false,
      prime: "c",
    });
    expect(second.state?.seen).toEqual([Vocab.START, A, B, C, A, B]);
  });

  it("stops at <END> (not output, not fed) unless told not to", () => {
    const step = cyclic({ [Vocab.START]: A, [A]: B, [B]: C, [C]: Vocab.END, [Vocab.END]: A });
    const result = generate({ vocab, step, temperature: 0, maxLength: 50 });
    expect(result.text).toBe("abc");
    expect(result.stoppedBy).toBe("end");
    expect(result.state?.seen).toEqual([Vocab.START, A, B, C]);
    const onward = generate({ vocab, step, temperature: 0, maxLength: 5, stopAtEnd: false });
    expect(onward.indices).toEqual([A, B, C, Vocab.END, A]);
    expect(onward.text).toBe("abca");
  });

  it("same seed → the same sample; different seeds differ", () => {
    const sample = (seed: number | Rng) =>
      generate({ vocab, step: uniform, seed, maxLength: 60, suppress: [0, 1, 2, 3] }).text;
    expect(sample(1)).toHaveLength(60);
    expect(sample(1)).toBe(sample(1));
    expect(sample(1)).toBe(sample(new Rng(1)));
    expect(sample(1)).not.toBe(sample(2));
    // by default only <PAD> and <START> are suppressed: <END> can stop it, <UNK> can come out
    const free = generate({ vocab, step: uniform, seed: 5, maxLength: 500, stopAtEnd: false });
    expect(new Set(free.indices)).toEqual(new Set([Vocab.END, Vocab.UNK, A, B, C]));
  });

  it("passes temperature, top-k and top-p to the sampler", () => {
    // logits: a 3, b 2, c 1 after any input; top-k 1 and top-p tiny are greedy
    const step = (_: number, state: undefined): StepOutput<undefined> => ({
      logits: [0, 0, 0, 0, 3, 2, 1],
      state,
    });
    expect(generate({ vocab, step, topK: 1, seed: 4, maxLength: 5 }).text).toBe("aaaaa");
    expect(generate({ vocab, step, topP: 0.01, seed: 4, maxLength: 5 }).text).toBe("aaaaa");
    const topTwo = generate({ vocab, step, topK: 2, seed: 4, maxLength: 200 }).text;
    expect(new Set(topTwo)).toEqual(new Set(["a", "b"]));
  });

  it("never samples a suppressed index", () => {
    const step = (_: number, state: undefined): StepOutput<undefined> => ({
      logits: [10, 9, 0, 0, 1, 0, 0], // <PAD> and <START> lead
      state,
    });
    expect(generate({ vocab, step, temperature: 0, maxLength: 3 }).indices).toEqual([A, A, A]);
    expect(generate({ vocab, step, temperature: 0, maxLength: 2, suppress: [] }).indices).toEqual([
      0, 0,
    ]);
    expect(() => generate({ vocab, step, maxLength: 2, suppress: [0, 1, 2, 3, 4, 5, 6] })).toThrow(
      /every symbol is suppressed/,
    );
  });
});

describe("generate: vector inputs and noise", () => {
  it("feeds one-hot rows; noise goes only on fed-back symbols and repeats with the seed", () => {
    const run = (inputNoise: number, seed: number) => {
      const inputs: Float32Array[] = [];
      const { indices } = generate({
        vocab,
        input: "one-hot",
        inputNoise,
        seed,
        maxLength: 200,
        stopAtEnd: false,
        prime: "ab",
        step: (vector, state: undefined) => {
          inputs.push(vector);
          return { logits: new Float32Array(vocab.size), state };
        },
      });
      return { inputs, indices };
    };
    const clean = run(0, 3).inputs;
    expect(clean).toHaveLength(3 + 200);
    for (const v of clean) expect([...v].filter((x) => x === 1)).toHaveLength(1);
    expect([...(clean[0] as Float32Array)]).toEqual([0, 1, 0, 0, 0, 0, 0]); // <START>
    expect([...(clean[2] as Float32Array)]).toEqual([0, 0, 0, 0, 0, 1, 0]); // "b"

    const noisy = run(0.5, 3);
    // the <START> and prime inputs stay exact
    for (let i = 0; i < 3; i++)
      expect([...(noisy.inputs[i] as Float32Array)]).toEqual([...(clean[i] as Float32Array)]);
    // fed-back input i is one-hot(indices[i]) + N(0, 0.25) noise (1400 draws: σ of the std ≈ 0.01)
    const deviations = noisy.indices.flatMap((index, i) =>
      [...(noisy.inputs[3 + i] as Float32Array)].map((x, k) => x - (k === index ? 1 : 0)),
    );
    expect(deviations).toHaveLength(200 * vocab.size);
    const mean = deviations.reduce((s, d) => s + d, 0) / deviations.length;
    const std = Math.sqrt(deviations.reduce((s, d) => s + d * d, 0) / deviations.length);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(std - 0.5)).toBeLessThan(0.05);
    expect(run(0.5, 3).inputs).toEqual(noisy.inputs);
    expect(run(0.5, 4).inputs).not.toEqual(noisy.inputs);
  });

  it("feeds embed(index) for an embedding input", () => {
    const inputs: number[][] = [];
    const result = generate({
      vocab,
      input: "embedding",
      embed: (index) => [index, -index],
      temperature: 0,
      maxLength: 3,
      step: (vector, state: undefined) => {
        inputs.push([...vector]);
        const logits = new Float32Array(vocab.size);
        logits[vector[0] === Vocab.START ? A : A + (((vector[0] as number) - A + 1) % 3)] = 1; // a → b → c → a
        return { logits, state };
      },
    });
    expect(result.text).toBe("abc");
    expect(inputs).toEqual([
      [1, -1],
      [4, -4],
      [5, -5],
      [6, -6],
    ]);
  });
});

describe("generate: tensors", () => {
  it("disposes replaced states and read logits, keeps the caller's initial state", () => {
    const H = 3;
    const step = (index: number, state: Tensor | undefined): StepOutput<Tensor> =>
      tidy(() => {
        // h' = 0.5·h + index; logits = [0,0,0,0, h'₀, 0, 0]
        const h = tensor([0.5 * ((state?.dataSync()[0] as number) ?? 0) + index, 0, 0], [H]);
        const logits = tensor([0, 0, 0, 0, 1, 0, 0]);
        return { logits, state: h };
      });
    const before = memory().numTensors;
    const initial = tensor([0, 0, 0], [H]);
    const result = generate({ vocab, step, temperature: 0, maxLength: 5, initialState: initial });
    expect(result.text).toBe("aaaaa");
    // the initial state and the final state are alive, nothing else
    expect(initial.isDisposed).toBe(false);
    expect(memory().numTensors).toBe(before + 2);
    result.state?.dispose();
    initial.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it("frees the carried state when a step throws", () => {
    const before = memory().numTensors;
    let calls = 0;
    const step = (_: number, state: Tensor | undefined): StepOutput<Tensor> => {
      calls++;
      if (calls === 3) throw new Error("model failed");
      state?.dispose();
      return { logits: [0, 0, 0, 0, 1, 0, 0], state: tensor([calls]) };
    };
    expect(() => generate({ vocab, step, temperature: 0, maxLength: 5 })).toThrow("model failed");
    expect(memory().numTensors).toBe(before);
  });
});

describe("generate: errors", () => {
  it("names what is wrong", () => {
    const base = { vocab, temperature: 0 } as const;
    expect(() => generate({ ...base, step: () => ({ logits: [0, 1], state: undefined }) })).toThrow(
      RnnkitError,
    );
    expect(() => generate({ ...base, step: () => ({ logits: [0, 1], state: undefined }) })).toThrow(
      "generate: step 1 returned 2 logits, the vocabulary has 7 symbols",
    );
    expect(() => generate({ ...base, step: () => 3 as unknown as StepOutput<undefined> })).toThrow(
      /step 1 must return \{ logits, state \}, got number/,
    );
    const asyncStep = async () => ({ logits: [0, 0, 0, 0, 1, 0, 0], state: undefined });
    expect(() =>
      generate({ ...base, step: asyncStep as unknown as () => StepOutput<undefined> }),
    ).toThrow(/step returned a Promise; use generateStream/);
    expect(() => generate({ ...base, step: cyclic(), start: false })).toThrow(
      /nothing to feed the model: start is false and the prime text is empty/,
    );
    expect(() => generate({ ...base, step: cyclic(), prime: "abé" })).toThrow(
      /unknown symbol U\+00E9 'é' at position 2/,
    );
    expect(
      generate({ ...base, step: cyclic(), prime: "é", unknown: "unk", maxLength: 1 }).state?.seen,
    ).toEqual([Vocab.START, Vocab.UNK, A]);
    expect(() => generate({ ...base, step: cyclic(), maxLength: 0 })).toThrow(
      /maxLength must be a positive integer, got 0/,
    );
    expect(() => generate({ ...base, step: uniform, inputNoise: 0.1 } as never)).toThrow(
      /inputNoise needs a vector input/,
    );
    expect(() =>
      generate({ ...base, input: "embedding", step: () => ({ logits: [], state: 0 }) }),
    ).toThrow(/input "embedding" needs embed/);
    expect(() => generate({ ...base, step: cyclic(), suppress: [9] })).toThrow(
      /suppress holds 9, outside the vocabulary of 7 symbols/,
    );
  });
});
