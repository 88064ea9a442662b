import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { dispose, Rng, setBackend, softmax, tensor, tidy } from "@rnnkit/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { CharModel } from "../lm/char-model.js";
import { traceLstm } from "./trace-lstm.js";

beforeAll(() => {
  registerCpuBackend();
  setBackend("cpu");
});

describe("traceLstm", () => {
  it("its step-by-step gates reproduce the layer's own forward pass (2 layers)", () => {
    const model = new CharModel(
      { cell: "lstm", layers: 2, hidden: 5, embedding: 3, vocabSize: 7, dropout: 0 },
      new Rng(4),
    );
    model.eval();
    const indices = [4, 5, 6, 4, 4, 6, 5, 4];
    const trace = traceLstm(model, indices);
    const T = indices.length;
    const H = 5;
    const [hN, cN, probabilities] = tidy(() => {
      const out = model.recurrent.forward(
        model.embedding.forward(tensor(Int32Array.from(indices), [1, T], "int32")),
      );
      const logits = model.head.forward(out.output);
      return [
        out.hN.dataSync(),
        (out.cN as ReturnType<typeof tensor>).dataSync(),
        softmax(logits).dataSync(),
      ];
    });
    for (let layer = 0; layer < 2; layer++) {
      const last = (T - 1) * H;
      const traced = trace.layers[layer] as NonNullable<(typeof trace.layers)[number]>;
      for (let j = 0; j < H; j++) {
        expect(traced.hidden[last + j]).toBeCloseTo(hN[layer * H + j] as number, 5);
        expect(traced.cell[last + j]).toBeCloseTo(Math.tanh(cN[layer * H + j] as number), 5);
        // h_t = o∘tanh(c_t)
        expect(traced.hidden[last + j]).toBeCloseTo(
          (traced.outputGate[last + j] as number) * (traced.cell[last + j] as number),
          5,
        );
      }
    }
    for (let i = 0; i < probabilities.length; i++)
      expect(trace.probabilities[i]).toBeCloseTo(probabilities[i] as number, 5);
    dispose(model.parameters());
  });
});
