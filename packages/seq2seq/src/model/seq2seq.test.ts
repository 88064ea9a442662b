import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { Rng, tensor, tidy } from "@rnnkit/core-tensor";
import { checkVariableGradient } from "@rnnkit/core-tensor/testing";
import { describe, expect, it } from "vitest";
import type { AttentionType } from "./attention-type.js";
import { Seq2Seq } from "./seq2seq.js";

registerCpuBackend();

const batch = {
  source: tensor(
    [
      [4, 5, 6],
      [6, 4, 0],
    ],
    [2, 3],
    "int32",
  ),
  sourceMask: tensor(
    [
      [1, 1, 1],
      [1, 1, 0],
    ],
    [2, 3],
    "float64",
  ),
  targetInput: tensor(
    [
      [1, 4, 5],
      [1, 6, 0],
    ],
    [2, 3],
    "int32",
  ),
  targetOutput: tensor(
    [
      [4, 5, 2],
      [6, 2, 0],
    ],
    [2, 3],
    "int32",
  ),
  targetMask: tensor(
    [
      [1, 1, 1],
      [1, 1, 0],
    ],
    [2, 3],
    "float64",
  ),
};

const tiny = (attention: AttentionType, seed = 1): Seq2Seq =>
  new Seq2Seq({
    sourceVocabSize: 7,
    targetVocabSize: 7,
    embeddingDim: 2,
    hiddenSize: 3,
    cell: "lstm",
    decoderCell: "gru",
    bidirectional: true,
    attention,
    attentionSize: 2,
    dtype: "float64",
    rng: new Rng(seed),
  });

describe("Seq2Seq", () => {
  for (const attention of ["none", "bahdanau", "luong-general"] as AttentionType[]) {
    it(`${attention}: the gradient of the loss matches finite differences`, () => {
      const model = tiny(attention);
      // the recurrent weights' own gradients are checked in layers-recurrent: here every parameter
      // that is new (bridge, attention, decoder, output) and the encoder's input side, through which
      // the gradient reaches the source via the attention and the initial state
      const checked = model
        .namedParameters()
        .filter(([name]) => !/^encoder\.rnn\.(weight_hh|bias)/.test(name))
        .map(([, v]) => v);
      const result = checkVariableGradient(() => model.loss(batch), checked, {
        atol: 1e-7,
        rtol: 1e-5,
      });
      expect(result.checked).toBe(checked.reduce((n, v) => n + v.size, 0));
    });
  }

  it("names its parameters like PyTorch modules and reloads a state dict exactly", () => {
    const model = tiny("bahdanau", 1);
    const names = model.namedParameters().map(([name]) => name);
    expect(names).toEqual(
      expect.arrayContaining([
        "encoder.embedding.weight",
        "encoder.rnn.weight_hh_l0_reverse",
        "encoder.bridge_h_l0.weight",
        "decoder.weight_ih_l0",
        "decoder.attention.query.weight",
        "decoder.attention.key.weight",
        "decoder.attention.score.weight",
        "decoder.output.bias",
      ]),
    );
    const other = tiny("bahdanau", 2);
    const logits = (m: Seq2Seq): number[] =>
      tidy(() =>
        Array.from(m.forward(batch.source, batch.sourceMask, batch.targetInput).logits.dataSync()),
      );
    expect(logits(other)).not.toEqual(logits(model));
    other.loadStateDict(model.stateDict());
    expect(logits(other)).toEqual(logits(model));
  });

  it("rejects a target batch of another size", () => {
    const model = tiny("none");
    expect(() =>
      model.forward(batch.source, batch.sourceMask, tensor([[1, 4]], [1, 2], "int32")),
    ).toThrow(/source has 2 sequences, targetInput 1/);
  });
});
