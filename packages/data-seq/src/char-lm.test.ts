import { readFileSync } from "node:fs";
import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { dispose, memory, Rng, reshape, type Tensor, tensor, tidy } from "@rnnkit/core-tensor";
import { Dense, LSTM } from "@rnnkit/layers-recurrent";
import { bitsPerCharacter, crossEntropy } from "@rnnkit/losses";
import { Adam, trainBptt } from "@rnnkit/optim";
import { describe, expect, it } from "vitest";
import { generate } from "./generation/generate.js";
import { indexTensor } from "./text/index-tensor.js";
import { oneHotTensor } from "./text/one-hot-tensor.js";
import { Vocab } from "./text/vocab.js";
import { contiguousStreams, type StreamChunk } from "./windows/contiguous-streams.js";
import { trainValidationSplit } from "./windows/train-validation-split.js";

registerCpuBackend();

// The first 12 KB of karpathy/char-rnn's tiny-shakespeare (Coriolanus, public domain).
const corpus = readFileSync(
  new URL("../fixtures/tiny-shakespeare-head.txt", import.meta.url),
  "utf8",
);

interface LstmState {
  h: Tensor;
  c: Tensor;
}

/** Bits per character of a unigram model fitted on train (add-one smoothing) over validation. */
function unigramBitsPerCharacter(
  train: readonly number[],
  validation: readonly number[],
  size: number,
): number {
  const counts = new Array<number>(size).fill(1);
  for (const i of train) counts[i] = (counts[i] as number) + 1;
  const total = counts.reduce((a, b) => a + b, 0);
  // H = −(1/n) Σ log₂ p(x_t)
  return (
    -validation.reduce((s, i) => s + Math.log2((counts[i] as number) / total), 0) /
    validation.length
  );
}

describe("char-level LSTM language model (data-seq + layers-recurrent + losses + optim)", () => {
  it("reaches a validation bits-per-character below a unigram model", () => {
    const vocab = Vocab.fromCorpus(corpus);
    const V = vocab.size;
    const { train, validation } = trainValidationSplit(vocab.encode(corpus), {
      validationFraction: 0.1,
    });
    const unigram = unigramBitsPerCharacter(train, validation, V);

    const rng = new Rng(7);
    const H = 64;
    const lstm = new LSTM({ inputSize: V, hiddenSize: H, rng });
    const dense = new Dense({ inputSize: H, outputSize: V, rng });
    const optimizer = new Adam([...lstm.parameters(), ...dense.parameters()], {
      learningRate: 0.01,
    });

    /** Runs one chunk from a carried state: mean cross-entropy over [B, T] and the new state. */
    const run = (
      chunk: StreamChunk,
      state: LstmState | undefined,
    ): { loss: Tensor; state: LstmState } => {
      const x = oneHotTensor(chunk.inputs, V); // [B, T, V]
      const out = lstm.forward(x, { h0: state?.h, c0: state?.c });
      const logits = dense.forward(out.output); // [B, T, V]
      const loss = crossEntropy(logits, indexTensor(chunk.targets));
      return { loss, state: { h: out.hN, c: out.cN as Tensor } };
    };

    const streams = contiguousStreams(train, { batchSize: 16, length: 32 });
    const epochs = 6;
    let lastLosses: number[] = [];
    for (let epoch = 0; epoch < epochs; epoch++) {
      // every epoch starts the rows from zero states; within it the state runs through the chunks
      const result = trainBptt(run, streams.chunks, optimizer, { clipNorm: 5 });
      lastLosses = result.losses;
      dispose(result.state);
    }

    // validation: one stream, state carried through the whole text (no gradient)
    const validationStreams = contiguousStreams(validation, { batchSize: 1, length: 64 });
    let state: LstmState | undefined;
    let nats = 0;
    for (const chunk of validationStreams.chunks) {
      const next = tidy(() => {
        const out = run(chunk, state);
        return { loss: out.loss.dataSync()[0] as number, state: out.state };
      });
      dispose(state);
      state = next.state;
      nats += next.loss;
    }
    dispose(state);
    const model = bitsPerCharacter(nats / validationStreams.numChunks);
    console.log(
      `char-lm: validation bpc ${model.toFixed(3)} (LSTM ${H}, ${epochs} epochs × ${streams.numChunks} chunks of 16×32) vs unigram ${unigram.toFixed(3)}; last train loss ${lastLosses.at(-1)?.toFixed(3)} nats`,
    );
    expect(model).toBeLessThan(unigram);
    expect(model).toBeLessThan(unigram - 0.5); // not a near miss: the context is used

    // the trained model plugs into generate: one step = one character, state carried. lstm.step
    // reads the index (column c of W_ih, no one-hot product) and runs one time step of every layer
    const step = (index: number, carried: Tensor[][] | undefined) =>
      tidy(() => {
        const out = lstm.step(tensor([index], [1], "int32"), carried);
        return { logits: reshape(dense.forward(out.output), [V]), state: out.states };
      });
    // the same model through forward on [1, 1, V] one-hot input
    const forwardStep = (index: number, carried: LstmState | undefined) =>
      tidy(() => {
        const x = reshape(oneHotTensor([[index]], V), [1, 1, V]);
        const out = lstm.forward(x, { h0: carried?.h, c0: carried?.c });
        const logits = reshape(dense.forward(out.output), [V]);
        return { logits, state: { h: out.hN, c: out.cN as Tensor } };
      });
    const options = {
      vocab,
      prime: "First Citizen:\n",
      temperature: 0.8,
      maxLength: 80,
      stopAtEnd: false,
    };
    const sample = (seed: number) => generate({ ...options, step, seed });
    const live = memory().numTensors;
    const a = sample(1);
    const b = sample(1);
    const c = sample(2);
    const viaForward = generate({ ...options, step: forwardStep, seed: 1 });
    expect(a.text).toBe(b.text);
    expect(c.text).not.toBe(a.text);
    expect(viaForward.text).toBe(a.text);
    console.log(`char-lm sample (seed 1): ${JSON.stringify(a.text)}`);
    dispose([a.state, b.state, c.state, viaForward.state]);
    expect(memory().numTensors).toBe(live); // generation leaks nothing
  }, 120_000);
});
