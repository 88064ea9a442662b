// checkGradient (central differences, float64) through whole layers: every cell (both GRU
// forms), the RNN unroll with masks, goBackwards, stacking, Bidirectional merge modes, Dense, Embedding.
import { registerCpuBackend } from "@rnnkit/backend-cpu";
import { memory, Rng, type Tensor, tensor } from "@rnnkit/core-tensor";
import { checkGradient, checkVariableGradient } from "@rnnkit/core-tensor/testing";
import { describe, expect, it } from "vitest";
import { Bidirectional, type MergeMode } from "./bidirectional.js";
import { GRUCell } from "./cells/gru-cell.js";
import { LSTMCell } from "./cells/lstm-cell.js";
import type { RecurrentCell } from "./cells/recurrent-cell.js";
import { SimpleRNNCell } from "./cells/simple-rnn-cell.js";
import { Dense } from "./dense.js";
import { Embedding } from "./embedding.js";
import { GRU } from "./gru.js";
import { LSTM } from "./lstm.js";
import type { Module } from "./module.js";
import { RNN } from "./rnn.js";
import { SimpleRNN } from "./simple-rnn.js";

registerCpuBackend();

const B = 2;
const T = 4;
const I = 3;
const H = 3;

function randomInput(seed: number, shape: number[]): number[] {
  const rng = new Rng(seed);
  return Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.nextNormal());
}

/** Checks d(f)/d(x) (as an input) and d(f)/d(every parameter) (as variables). */
function checkModule(
  module: Module,
  f: (x: Tensor) => Tensor | Tensor[],
  x: { values: number[]; shape: number[] },
): void {
  const before = memory().numTensors;
  const byInput = checkGradient((xt) => f(xt as Tensor), [x], { atol: 1e-6, rtol: 1e-5 });
  expect(byInput.checked).toBe(x.values.length);
  const xt = tensor(x.values, x.shape, "float64");
  const byParameter = checkVariableGradient(() => f(xt), module.parameters(), {
    atol: 1e-6,
    rtol: 1e-5,
  });
  xt.dispose();
  expect(byParameter.checked).toBe(module.parameterCount());
  expect(memory().numTensors).toBe(before);
}

const cells: [string, () => RecurrentCell][] = [
  [
    "SimpleRNNCell tanh",
    () => new SimpleRNNCell({ inputSize: I, hiddenSize: H, dtype: "float64", rng: new Rng(1) }),
  ],
  [
    "SimpleRNNCell relu",
    () =>
      new SimpleRNNCell({
        inputSize: I,
        hiddenSize: H,
        nonlinearity: "relu",
        dtype: "float64",
        rng: new Rng(2),
      }),
  ],
  [
    "LSTMCell fused",
    () => new LSTMCell({ inputSize: I, hiddenSize: H, dtype: "float64", rng: new Rng(3) }),
  ],
  [
    "LSTMCell composite",
    () =>
      new LSTMCell({
        inputSize: I,
        hiddenSize: H,
        fused: false,
        dtype: "float64",
        rng: new Rng(3),
      }),
  ],
  [
    "GRUCell resetAfter fused",
    () => new GRUCell({ inputSize: I, hiddenSize: H, dtype: "float64", rng: new Rng(4) }),
  ],
  [
    "GRUCell resetAfter composite",
    () =>
      new GRUCell({ inputSize: I, hiddenSize: H, fused: false, dtype: "float64", rng: new Rng(4) }),
  ],
  [
    "GRUCell course fused",
    () =>
      new GRUCell({
        inputSize: I,
        hiddenSize: H,
        resetAfter: false,
        dtype: "float64",
        rng: new Rng(5),
      }),
  ],
  [
    "GRUCell course composite",
    () =>
      new GRUCell({
        inputSize: I,
        hiddenSize: H,
        resetAfter: false,
        fused: false,
        dtype: "float64",
        rng: new Rng(5),
      }),
  ],
];

const x = { values: randomInput(7, [B, T, I]), shape: [B, T, I] };

describe("gradients through the RNN unroll", () => {
  for (const [name, make] of cells) {
    it(`${name}: all outputs and final states`, () => {
      const layer = new RNN(make());
      checkModule(
        layer,
        (xt) => {
          const out = layer.forward(xt);
          return [out.output, ...out.states];
        },
        x,
      );
    });
  }

  it("LSTM with a mask (padded steps keep the state) and goBackwards", () => {
    const layer = new RNN(
      new LSTMCell({ inputSize: I, hiddenSize: H, dtype: "float64", rng: new Rng(8) }),
      { goBackwards: true },
    );
    const mask = tensor([1, 1, 1, 1, 1, 1, 0, 0], [B, T], "float64");
    checkModule(
      layer,
      (xt) => {
        const out = layer.forward(xt, { mask });
        return [out.output, ...out.states];
      },
      x,
    );
    mask.dispose();
  });

  it("N→1 returns the final state of each sequence under a mask", () => {
    const layer = new RNN(
      new GRUCell({ inputSize: I, hiddenSize: H, dtype: "float64", rng: new Rng(9) }),
      { returnSequences: false },
    );
    const mask = tensor([1, 1, 0, 0, 1, 1, 1, 0], [B, T], "float64");
    const out = layer.forward(tensor(x.values, x.shape, "float64"), { mask });
    const full = new RNN(layer.cell).forward(tensor(x.values, x.shape, "float64"));
    const seq = full.output.arraySync() as number[][][];
    expect(Array.from(out.output.dataSync())).toEqual(
      [...(seq[0]?.[1] ?? []), ...(seq[1]?.[2] ?? [])].map((v) => expect.closeTo(v, 12)),
    );
    checkModule(layer, (xt) => layer.forward(xt, { mask }).output, x);
    mask.dispose();
  });
});

describe("stacked and bidirectional layers", () => {
  const layers: [
    string,
    () => Module & { forward(x: Tensor): { output: Tensor; hN: Tensor; cN?: Tensor } },
  ][] = [
    [
      "LSTM 2 layers bidirectional",
      () =>
        new LSTM({
          inputSize: I,
          hiddenSize: H,
          numLayers: 2,
          bidirectional: true,
          dtype: "float64",
          rng: new Rng(10),
        }),
    ],
    [
      "GRU 2 layers (course form)",
      () =>
        new GRU({
          inputSize: I,
          hiddenSize: H,
          numLayers: 2,
          resetAfter: false,
          dtype: "float64",
          rng: new Rng(11),
        }),
    ],
    [
      "SimpleRNN bidirectional",
      () =>
        new SimpleRNN({
          inputSize: I,
          hiddenSize: H,
          bidirectional: true,
          dtype: "float64",
          rng: new Rng(12),
        }),
    ],
  ];
  for (const [name, make] of layers) {
    it(name, () => {
      const layer = make();
      checkModule(
        layer,
        (xt) => {
          const out = layer.forward(xt);
          return [out.output, out.hN, ...(out.cN ? [out.cN] : [])];
        },
        x,
      );
    });
  }

  for (const mergeMode of ["concat", "sum", "mul", "ave"] as MergeMode[]) {
    it(`Bidirectional merge ${mergeMode}`, () => {
      const cell = (seed: number) =>
        new LSTMCell({ inputSize: I, hiddenSize: H, dtype: "float64", rng: new Rng(seed) });
      const layer = new Bidirectional({
        forward: new RNN(cell(13)),
        backward: new RNN(cell(14), { goBackwards: true }),
        mergeMode,
      });
      checkModule(layer, (xt) => layer.forward(xt).output, x);
    });
  }
});

describe("Dense and Embedding", () => {
  it("Dense applies at every time step (y_t = σ(W h_t + b))", () => {
    const dense = new Dense({
      inputSize: I,
      outputSize: 2,
      activation: "tanh",
      dtype: "float64",
      rng: new Rng(15),
    });
    checkModule(dense, (xt) => dense.forward(xt), x);
  });

  it("Embedding equals one-hot × W and its gradient accumulates repeated indices", () => {
    const emb = new Embedding({
      numEmbeddings: 5,
      embeddingDim: 3,
      dtype: "float64",
      rng: new Rng(16),
    });
    const indices = tensor([1, 4, 1, 0], [2, 2], "int32");
    const out = emb.forward(indices);
    const w = emb.weight.arraySync() as number[][];
    expect(out.arraySync()).toEqual([
      [w[1], w[4]],
      [w[1], w[0]],
    ]);
    const result = checkVariableGradient(() => emb.forward(indices), [emb.weight]);
    expect(result.checked).toBe(15);
  });
});
