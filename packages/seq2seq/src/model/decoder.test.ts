import { registerCpuBackend } from "@rnnkit/backend-cpu";
import {
  Rng,
  randomNormal,
  reshape,
  slice,
  stack,
  sum,
  type Tensor,
  tensor,
  tidy,
} from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import type { AttentionType } from "./attention-type.js";
import { Decoder } from "./decoder.js";

registerCpuBackend();

const B = 2;
const S = 4;
const D = 6;
const H = 5;
const memoryValues = (): Tensor =>
  randomNormal([B, S, D], 0, 1, { dtype: "float64", rng: new Rng(9) });
const sourceMask = (): Tensor =>
  tensor(
    [
      [1, 1, 1, 1],
      [1, 1, 1, 0],
    ],
    [B, S],
    "float64",
  );
const initial = (cell: "lstm" | "gru"): { h: Tensor[]; c?: Tensor[] } => {
  const h = [randomNormal([B, H], 0, 0.5, { dtype: "float64", rng: new Rng(4) })];
  return cell === "lstm"
    ? { h, c: [randomNormal([B, H], 0, 0.5, { dtype: "float64", rng: new Rng(5) })] }
    : { h };
};
const targetInput = tensor(
  [
    [1, 5, 6, 7],
    [1, 7, 7, 0],
  ],
  [B, 4],
  "int32",
);

const makeDecoder = (
  attention: AttentionType,
  cell: "lstm" | "gru" = "lstm",
  numLayers = 1,
): Decoder =>
  new Decoder({
    vocabSize: 9,
    embeddingDim: 3,
    hiddenSize: H,
    numLayers,
    cell,
    attention,
    memorySize: D,
    dtype: "float64",
    rng: new Rng(7),
  });

function expectClose(a: Tensor, b: Tensor): void {
  expect(a.shape).toEqual(b.shape);
  const y = b.dataSync();
  a.dataSync().forEach((v, i) => {
    expect(v).toBeCloseTo(y[i] as number, 10);
  });
}

describe("Decoder", () => {
  for (const attention of ["none", "luong-general"] as AttentionType[]) {
    it(`${attention}: teacher forcing over all steps at once equals stepping one token at a time`, () => {
      tidy(() => {
        const decoder = makeDecoder(attention, "lstm", 2);
        const encoder = initial("lstm");
        const state = decoder.initialState({
          h: [encoder.h[0] as Tensor, encoder.h[0] as Tensor],
          c: [(encoder.c as Tensor[])[0] as Tensor, (encoder.c as Tensor[])[0] as Tensor],
        });
        const memory = decoder.prepareMemory(memoryValues(), sourceMask());
        const parallel = decoder.forward(targetInput, state, memory);
        let stepState = state;
        const logits: Tensor[] = [];
        const weights: Tensor[] = [];
        for (let t = 0; t < 4; t++) {
          const out = decoder.step(
            reshape(slice(targetInput, [0, t], [B, 1]), [B]),
            stepState,
            memory,
          );
          stepState = out.state;
          logits.push(out.logits);
          if (out.weights) weights.push(out.weights);
        }
        expectClose(parallel.logits, stack(logits, 1));
        if (attention !== "none") expectClose(parallel.attention as Tensor, stack(weights, 1));
        else expect(parallel.attention).toBeUndefined();
      });
    });
  }

  for (const attention of ["bahdanau", "luong-dot", "luong-general"] as AttentionType[]) {
    it(`${attention}: attention weights are [B, T, S], sum to 1 and are 0 at padded source steps`, () => {
      tidy(() => {
        const decoder = new Decoder({
          vocabSize: 9,
          embeddingDim: 3,
          hiddenSize: D, // "dot" needs the query size to equal the memory size
          cell: "gru",
          attention,
          memorySize: D,
          dtype: "float64",
          rng: new Rng(7),
        });
        const state = decoder.initialState({
          h: [randomNormal([B, D], 0, 0.5, { dtype: "float64", rng: new Rng(4) })],
        });
        const memory = decoder.prepareMemory(memoryValues(), sourceMask());
        const { logits, attention: weights } = decoder.forward(targetInput, state, memory);
        expect(logits.shape).toEqual([B, 4, 9]);
        expect(weights?.shape).toEqual([B, 4, S]);
        const sums = sum(weights as Tensor, -1).dataSync();
        sums.forEach((s) => {
          expect(s).toBeCloseTo(1, 12);
        });
        const w = (weights as Tensor).arraySync() as number[][][];
        for (let t = 0; t < 4; t++) expect(w[1]?.[t]?.[3]).toBe(0); // source 1 has 3 real steps
      });
    });
  }

  it("teacher forcing ratio 0 feeds the model's own predictions: the gold tokens after <START> are never read", () => {
    tidy(() => {
      const decoder = makeDecoder("bahdanau", "gru");
      const memory = decoder.prepareMemory(memoryValues());
      const state = decoder.initialState(initial("gru"));
      const other = tensor(
        [
          [1, 8, 8, 8],
          [1, 4, 5, 6],
        ],
        [B, 4],
        "int32",
      );
      const free = (input: Tensor): Tensor =>
        decoder.forward(input, state, memory, { teacherForcingRatio: 0, rng: new Rng(1) }).logits;
      expectClose(free(targetInput), free(other));
      const forced = (input: Tensor): number[] =>
        Array.from(decoder.forward(input, state, memory).logits.dataSync());
      expect(forced(targetInput)).not.toEqual(forced(other));
    });
  });

  it("rejects a bad ratio, missing memory, wrong state sizes and a dot score of unequal sizes", () => {
    const decoder = makeDecoder("luong-general", "gru");
    const state = decoder.initialState(initial("gru"));
    const memory = decoder.prepareMemory(memoryValues());
    expect(() => decoder.forward(targetInput, state, memory, { teacherForcingRatio: 1.5 })).toThrow(
      /teacherForcingRatio must be in \[0, 1\]/,
    );
    expect(() => decoder.forward(targetInput, state)).toThrow(/needs the encoder outputs/);
    expect(() => decoder.initialState({ h: [tensor([[1, 2]], [1, 2], "float64")] })).toThrow(
      /initial state of layer 0 must be \[batch, 5\], got \[1,2\]/,
    );
    expect(() => decoder.initialState({ h: [] })).toThrow(
      /hands on 0 layer state\(s\), the decoder has 1 layers/,
    );
    expect(() => makeDecoder("luong-dot")).toThrow(
      /"dot" score needs the encoder output size \(6\) to equal the decoder hidden size \(5\)/,
    );
    expect(
      () => new Decoder({ vocabSize: 9, embeddingDim: 3, hiddenSize: 4, attention: "bahdanau" }),
    ).toThrow(/needs memorySize/);
  });
});
