import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { add, Rng, reshape, slice, type Tensor, tensor, tidy } from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import type { CellType } from "./cell-type.js";
import { Encoder } from "./encoder.js";

registerCpuBackend();

const close = (a: Tensor, b: Tensor, digits = 10): void => {
  expect(a.shape).toEqual(b.shape);
  const x = a.dataSync();
  const y = b.dataSync();
  x.forEach((v, i) => {
    expect(v).toBeCloseTo(y[i] as number, digits);
  });
};

describe("Encoder", () => {
  const source = tensor(
    [
      [4, 5, 6, 7],
      [6, 4, 0, 0],
    ],
    [2, 4],
    "int32",
  );
  const mask = tensor(
    [
      [1, 1, 1, 1],
      [1, 1, 0, 0],
    ],
    [2, 4],
    "float64",
  );

  for (const cell of ["lstm", "gru", "rnn"] as CellType[]) {
    it(`${cell}: outputs [B, S, 2H], one final state per layer, c only for an LSTM`, () => {
      const encoder = new Encoder({
        vocabSize: 8,
        embeddingDim: 3,
        hiddenSize: 5,
        numLayers: 2,
        cell,
        bidirectional: true,
        stateSize: 6,
        rng: new Rng(1),
      });
      const out = encoder.forward(source, mask);
      expect(out.outputs.shape).toEqual([2, 4, 10]);
      expect(out.state.h.map((h) => h.shape)).toEqual([
        [2, 6],
        [2, 6],
      ]);
      expect(out.state.c === undefined).toBe(cell !== "lstm");
      const names = encoder.namedParameters().map(([name]) => name);
      expect(names).toContain("embedding.weight");
      expect(names).toContain("rnn.weight_ih_l1_reverse");
      expect(names).toContain("bridge_h_l1.weight");
      expect(names.includes("bridge_c_l0.weight")).toBe(cell === "lstm");
    });
  }

  it('"sum" hands on h→ + h← of every layer', () => {
    const encoder = new Encoder({
      vocabSize: 8,
      embeddingDim: 3,
      hiddenSize: 4,
      numLayers: 2,
      bidirectional: true,
      merge: "sum",
      dtype: "float64",
      rng: new Rng(2),
    });
    tidy(() => {
      const out = encoder.forward(source, mask);
      const { hN, cN } = encoder.rnn.forward(encoder.embedding.forward(source), { mask });
      const row = (t: Tensor, k: number): Tensor => reshape(slice(t, [k, 0, 0], [1, 2, 4]), [2, 4]);
      for (let layer = 0; layer < 2; layer++) {
        close(out.state.h[layer] as Tensor, add(row(hN, 2 * layer), row(hN, 2 * layer + 1)));
        close(
          (out.state.c as Tensor[])[layer] as Tensor,
          add(row(cN as Tensor, 2 * layer), row(cN as Tensor, 2 * layer + 1)),
        );
      }
    });
  });

  it("a padded sequence ends in the same state as the same sequence alone", () => {
    const encoder = new Encoder({
      vocabSize: 8,
      embeddingDim: 3,
      hiddenSize: 4,
      bidirectional: true,
      dtype: "float64",
      rng: new Rng(3),
    });
    tidy(() => {
      const padded = encoder.forward(source, mask);
      const alone = encoder.forward(tensor([[6, 4]], [1, 2], "int32"));
      const second = (t: Tensor): Tensor => slice(t, [1, 0], [1, t.shape[1] as number]);
      close(second(padded.state.h[0] as Tensor), alone.state.h[0] as Tensor);
      close(
        second((padded.state.c as Tensor[])[0] as Tensor),
        (alone.state.c as Tensor[])[0] as Tensor,
      );
      // outputs at real steps agree, padded steps are 0
      close(slice(padded.outputs, [1, 0, 0], [1, 2, 8]), alone.outputs);
      expect(
        Array.from(slice(padded.outputs, [1, 2, 0], [1, 2, 8]).dataSync()).every((v) => v === 0),
      ).toBe(true);
    });
  });

  it("rejects float sources, a mask of the wrong shape and a bad merge", () => {
    const encoder = new Encoder({ vocabSize: 8, embeddingDim: 3, hiddenSize: 4 });
    expect(() => encoder.forward(tensor([[1, 2]], [1, 2]))).toThrow(
      /Encoder: expected int32 source indices/,
    );
    expect(() => encoder.forward(source, tensor([[1, 1]], [1, 2]))).toThrow(/mask must be \[2,4\]/);
    expect(
      () => new Encoder({ vocabSize: 8, embeddingDim: 3, hiddenSize: 4, merge: "mean" as "sum" }),
    ).toThrow(/merge must be "project" or "sum"/);
    expect(
      () =>
        new Encoder({
          vocabSize: 8,
          embeddingDim: 3,
          hiddenSize: 4,
          bidirectional: true,
          merge: "sum",
          stateSize: 6,
        }),
    ).toThrow(/merge "sum" keeps the hidden size/);
  });
});
