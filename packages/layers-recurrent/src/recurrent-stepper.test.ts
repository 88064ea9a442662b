import { registerCpuBackend } from "@rnnkit/backend-cpu";
import {
  add,
  cast,
  type Dtype,
  dispose,
  memory,
  mul,
  oneHot,
  Rng,
  reshape,
  slice,
  sum,
  type Tensor,
  tensor,
  tidy,
  variableGrads,
} from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { GRUCell } from "./cells/gru-cell.js";
import { Dense } from "./dense.js";
import { GRU } from "./gru.js";
import { LSTM } from "./lstm.js";
import type { RecurrentLayer } from "./recurrent-layer.js";
import { RNN } from "./rnn.js";
import { SimpleRNN } from "./simple-rnn.js";

registerCpuBackend();

const V = 7;
const H = 8; // a multiple of 4: float32 LSTM steps take the WebAssembly path
const B = 3;
const T = 5;

const layers = {
  LSTM: (numLayers: number, dtype: Dtype) =>
    new LSTM({ inputSize: V, hiddenSize: H, numLayers, dtype, rng: new Rng(11) }),
  GRU: (numLayers: number, dtype: Dtype) =>
    new GRU({ inputSize: V, hiddenSize: H, numLayers, dtype, rng: new Rng(12) }),
  SimpleRNN: (numLayers: number, dtype: Dtype) =>
    new SimpleRNN({ inputSize: V, hiddenSize: H, numLayers, dtype, rng: new Rng(13) }),
};

/** Seeded character indices [B, T]. */
function characters(seed: number): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: B }, () =>
    Array.from({ length: T }, () => Math.floor(rng.next() * V)),
  );
}

/** Column t of the indices as int32 [B]. */
function column(indices: number[][], t: number): Tensor {
  return tensor(
    indices.map((row) => row[t] as number),
    [B],
    "int32",
  );
}

/** The one-hot rows of column t, [B, V] in `dtype`. */
function oneHotColumn(indices: number[][], t: number, dtype: Dtype): Tensor {
  return cast(oneHot(column(indices, t), V), dtype);
}

function expectClose(actual: Tensor, expected: Tensor, tolerance: number): void {
  expect(actual.shape).toEqual(expected.shape);
  const a = actual.dataSync();
  const e = expected.dataSync();
  let worst = 0;
  for (let i = 0; i < e.length; i++)
    worst = Math.max(worst, Math.abs((a[i] as number) - (e[i] as number)));
  expect(worst).toBeLessThanOrEqual(tolerance);
}

/** forward over [B, T, V] one-hot: outputs per step [B, H] and the final states per layer. */
function reference(layer: RecurrentLayer, indices: number[][], dtype: Dtype) {
  const x = cast(oneHot(tensor(indices, [B, T], "int32"), V), dtype);
  const { output, hN, cN } = layer.forward(x);
  const outputs = Array.from({ length: T }, (_, t) =>
    reshape(slice(output, [0, t, 0], [B, 1, H]), [B, H]),
  );
  const finalStates = Array.from({ length: layer.numLayers }, (_, k) => {
    const pick = (s: Tensor) => reshape(slice(s, [k, 0, 0], [1, B, H]), [B, H]);
    return cN === undefined ? [pick(hN)] : [pick(hN), pick(cN)];
  });
  return { outputs, finalStates };
}

const cases = (["LSTM", "GRU", "SimpleRNN"] as const).flatMap((kind) =>
  (["float64", "float32"] as const).flatMap((dtype) =>
    [1, 2].map((numLayers) => ({ kind, dtype, numLayers })),
  ),
);

describe("step and createStepper give forward's values", () => {
  it.each(cases)("$kind, $dtype, $numLayers layer(s)", ({ kind, dtype, numLayers }) => {
    const tolerance = dtype === "float64" ? 1e-12 : 1e-5;
    const layer = layers[kind](numLayers, dtype).eval();
    const indices = characters(5);
    tidy(() => {
      const { outputs, finalStates } = reference(layer, indices, dtype);
      // functional step, one-hot rows and index input, states carried by the caller
      for (const input of ["one-hot", "index"] as const) {
        let states: Tensor[][] | undefined;
        for (let t = 0; t < T; t++) {
          const x = input === "index" ? column(indices, t) : oneHotColumn(indices, t, dtype);
          const out = layer.step(x, states);
          expect(out.states).toHaveLength(numLayers);
          expect(out.output).toBe(out.states[numLayers - 1]?.[0]);
          expectClose(out.output, outputs[t] as Tensor, tolerance);
          states = out.states;
        }
        finalStates.forEach((list, k) => {
          list.forEach((s, j) => {
            expectClose(states?.[k]?.[j] as Tensor, s, tolerance);
          });
        });
      }
      // the stepper with every input kind: float rows, an int32 tensor, a list of indices
      const inputs = [
        (t: number) => oneHotColumn(indices, t, dtype),
        (t: number) => column(indices, t),
        (t: number) => indices.map((row) => row[t] as number),
      ];
      for (const input of inputs) {
        const stepper = layer.createStepper();
        for (let t = 0; t < T; t++)
          expectClose(stepper.step(input(t)), outputs[t] as Tensor, tolerance);
        finalStates.forEach((list, k) => {
          list.forEach((s, j) => {
            expectClose(stepper.states?.[k]?.[j] as Tensor, s, tolerance);
          });
        });
        stepper.dispose();
      }
    });
  });

  it("a single index (batch 1) through the stepper equals forward on that sequence", () => {
    const layer = layers.LSTM(2, "float32").eval();
    const sequence = [3, 0, 6, 6, 1];
    const x = oneHot(tensor([sequence], [1, T], "int32"), V);
    const { output } = layer.forward(x);
    const stepper = layer.createStepper();
    sequence.forEach((c, t) => {
      expectClose(stepper.step(c), reshape(slice(output, [0, t, 0], [1, 1, H]), [1, H]), 1e-5);
    });
    stepper.dispose();
    dispose([x, output]);
  });

  it("RNN.step and RNN.createStepper over one cell", () => {
    const cell = new GRUCell({ inputSize: V, hiddenSize: H, dtype: "float64", rng: new Rng(4) });
    const rnn = new RNN(cell);
    const indices = characters(9);
    tidy(() => {
      const x = cast(oneHot(tensor(indices, [B, T], "int32"), V), "float64");
      const { output, states: finalStates } = rnn.forward(x);
      const stepper = rnn.createStepper();
      let states: Tensor[] | undefined;
      for (let t = 0; t < T; t++) {
        const expected = reshape(slice(output, [0, t, 0], [B, 1, H]), [B, H]);
        const out = rnn.step(column(indices, t), states);
        expectClose(out.output, expected, 1e-12);
        expectClose(stepper.step(oneHotColumn(indices, t, "float64")), expected, 1e-12);
        states = out.states;
      }
      expectClose(states?.[0] as Tensor, finalStates[0] as Tensor, 1e-12);
      stepper.dispose();
    });
    expect(() => new RNN(cell, { goBackwards: true }).createStepper()).toThrow(/goBackwards/);
  });
});

describe("step is differentiable", () => {
  it("index input gives forward's one-hot gradients, W_ih included (float64)", () => {
    const layer = layers.LSTM(2, "float64");
    const head = new Dense({ inputSize: H, outputSize: 2, dtype: "float64", rng: new Rng(3) });
    const params = [...layer.parameters(), ...head.parameters()];
    const indices = characters(21);
    const loss = (useStep: boolean) =>
      variableGrads(() => {
        if (!useStep) {
          const x = cast(oneHot(tensor(indices, [B, T], "int32"), V), "float64");
          return sum(head.forward(layer.forward(x).output));
        }
        let states: Tensor[][] | undefined;
        let total: Tensor | undefined;
        for (let t = 0; t < T; t++) {
          const out = layer.step(column(indices, t), states);
          const term = sum(head.forward(out.output));
          total = total === undefined ? term : add(total, term);
          states = out.states;
        }
        return total as Tensor;
      }, params);
    const viaForward = loss(false);
    const viaStep = loss(true);
    expectClose(viaStep.value, viaForward.value, 1e-12);
    for (const p of params) {
      expectClose(viaStep.grads.get(p) as Tensor, viaForward.grads.get(p) as Tensor, 1e-10);
    }
    dispose([viaForward, viaStep]);
  });
});

describe("RecurrentStepper", () => {
  it("keeps its states through enclosing tidy scopes and frees everything on dispose", () => {
    const layer = layers.LSTM(2, "float32").eval();
    const head = new Dense({ inputSize: H, outputSize: V, rng: new Rng(2) });
    const live = memory().numTensors;
    const stepper = layer.createStepper();
    let c = 0;
    for (let i = 0; i < 20; i++) {
      const logits = tidy(() => head.forward(stepper.step(c)));
      const values = logits.dataSync();
      logits.dispose();
      c = values.indexOf(Math.max(...values));
    }
    expect(stepper.states?.map((list) => list.map((s) => s.isDisposed))).toEqual([
      [false, false],
      [false, false],
    ]);
    stepper.dispose();
    expect(memory().numTensors).toBe(live);
  });

  it("reset starts from zeros or from given states, which stay the caller's", () => {
    const layer = layers.GRU(1, "float64").eval();
    const stepper = layer.createStepper();
    const first = stepper.step(2).dataSync();
    stepper.step(4);
    stepper.reset();
    expect(stepper.states).toBeUndefined();
    expect([...stepper.step(2).dataSync()]).toEqual([...first]);
    const mine = [[tensor(new Float64Array(H).fill(0.5), [1, H], "float64")]];
    stepper.reset(mine);
    const fromMine = stepper.step(3);
    const expected = layer.step(tensor([3], [1], "int32"), mine);
    expectClose(fromMine, expected.output, 1e-12);
    stepper.step(1); // frees the stepper's own states, never `mine`
    expect(mine[0]?.[0]?.isDisposed).toBe(false);
    stepper.dispose();
    dispose([mine, expected]);
  });

  it("recomputes its input table when a weight is assigned", () => {
    const layer = layers.LSTM(1, "float64").eval();
    const stepper = layer.createStepper();
    stepper.step(1);
    const cell = layer.cells[0]?.[0];
    const doubled = tidy(() => mul(cell?.weightIh as Tensor, 2));
    cell?.weightIh.assign(doubled);
    stepper.reset();
    const after = stepper.step(1);
    const expected = layer.step(tensor([1], [1], "int32"));
    expectClose(after, expected.output, 1e-12);
    stepper.dispose();
    dispose([doubled, expected]);
  });

  it("errors name the layer and what was expected", () => {
    const layer = layers.LSTM(1, "float32");
    const stepper = layer.createStepper();
    expect(() => stepper.step(V)).toThrow(/LSTM: step: index 7 is outside \[0, 7\)/);
    expect(() => stepper.step(1.5)).toThrow(/index 1.5/);
    expect(() => stepper.step(tensor([[1, 2]]))).toThrow(
      /LSTM: step expects float input \[batch, 7\] or int32 indices \[batch\], got \[1,2\]/,
    );
    stepper.step([1, 2]);
    expect(() => stepper.step(3)).toThrow(/states of layer 0 must be \[1,8\], got \[2,8\]/);
    stepper.dispose();
    expect(() => layer.step(tensor([[0, 1]], [1, 2], "int32"))).toThrow(/got int32 \[1,2\]/);
    expect(() =>
      new LSTM({ inputSize: V, hiddenSize: H, bidirectional: true }).createStepper(),
    ).toThrow(/unidirectional/);
  });
});
