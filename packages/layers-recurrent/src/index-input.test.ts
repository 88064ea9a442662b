import { registerCpuBackend } from "@rnnkit/backend-cpu";
import {
  type Dtype,
  oneHot,
  Rng,
  sum,
  type Tensor,
  tensor,
  tidy,
  variableGrads,
} from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { GRU } from "./gru.js";
import { LSTM } from "./lstm.js";
import { SimpleRNN } from "./simple-rnn.js";

registerCpuBackend();

const V = 7;
const B = 3;
const T = 5;
const indices = Int32Array.from({ length: B * T }, (_, i) => (i * 5 + 2) % V);

function maxDifference(a: Tensor, b: Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  expect(x.length).toBe(y.length);
  let worst = 0;
  for (let i = 0; i < x.length; i++)
    worst = Math.max(worst, Math.abs((x[i] as number) - (y[i] as number)));
  return worst;
}

const layers = {
  LSTM: (dtype: Dtype) =>
    new LSTM({ inputSize: V, hiddenSize: 4, numLayers: 2, dtype, rng: new Rng(3) }),
  GRU: (dtype: Dtype) =>
    new GRU({ inputSize: V, hiddenSize: 4, bidirectional: true, dtype, rng: new Rng(4) }),
  SimpleRNN: (dtype: Dtype) =>
    new SimpleRNN({ inputSize: V, hiddenSize: 4, dtype, rng: new Rng(5) }),
};

describe("recurrent layers take int32 indices [B, T] as one-hot rows", () => {
  for (const [name, make] of Object.entries(layers)) {
    for (const dtype of ["float32", "float64"] as const) {
      it(`${name} (${dtype}): the same outputs, final states and parameter gradients as one-hot input`, () => {
        const layer = make(dtype);
        const params = layer.parameters();
        tidy(() => {
          const x = tensor(indices, [B, T], "int32");
          const xOneHot = oneHot(x, V, { dtype });
          const byIndex = layer.forward(x);
          const byOneHot = layer.forward(xOneHot);
          const tolerance = dtype === "float64" ? 1e-12 : 1e-6;
          expect(byIndex.output.dtype).toBe(dtype);
          expect(maxDifference(byIndex.output, byOneHot.output)).toBeLessThan(tolerance);
          expect(maxDifference(byIndex.hN, byOneHot.hN)).toBeLessThan(tolerance);
          const loss = (input: Tensor) => () => sum(layer.forward(input).output);
          const a = variableGrads(loss(x), params).grads;
          const b = variableGrads(loss(xOneHot), params).grads;
          for (const p of params) {
            expect(maxDifference(a.get(p) as Tensor, b.get(p) as Tensor), p.name).toBeLessThan(
              dtype === "float64" ? 1e-11 : 1e-5,
            );
          }
        });
      });
    }
  }

  it("rejects indices outside [0, inputSize) and the wrong rank, naming the layer", () => {
    const lstm = layers.LSTM("float32");
    expect(() => lstm.forward(tensor([0, 7, 1, 2], [2, 2], "int32"))).toThrow(
      /LSTM: indices must lie in \[0, 7\) \(inputSize\), but indices\[0,1\] is 7/,
    );
    expect(() => lstm.forward(tensor([0, 1], [2], "int32"))).toThrow(
      /LSTM: expected int32 indices \[batch, time\]/,
    );
  });
});
