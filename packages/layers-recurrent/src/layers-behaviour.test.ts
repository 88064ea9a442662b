import { registerCpuBackend } from "@rnnkit/backend-cpu";
import {
  Rng,
  randomNormal,
  reshape,
  slice,
  sum,
  type Tensor,
  tensor,
  tidy,
} from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { GRUCell } from "./cells/gru-cell.js";
import { LSTMCell } from "./cells/lstm-cell.js";
import { SimpleRNNCell } from "./cells/simple-rnn-cell.js";
import { Dense } from "./dense.js";
import { hiddenGradientNorms } from "./hidden-gradient-norms.js";
import { LSTM } from "./lstm.js";
import { repeatVector } from "./repeat-vector.js";
import { RNN } from "./rnn.js";
import { SimpleRNN } from "./simple-rnn.js";
import { loadSafetensors, saveSafetensors } from "./state-dict-file.js";

registerCpuBackend();

describe("the course's unstable gradients, as data", () => {
  it("‖∂L/∂h_t‖ decays exponentially backwards in time for a vanilla RNN, far slower for an LSTM", () => {
    const T = 40;
    const rng = new Rng(3);
    const x = randomNormal([4, T, 8], 0, 1, { rng, dtype: "float64" });
    const lastStepLoss = (outputs: Tensor): Tensor =>
      sum(slice(outputs, [0, T - 1, 0], [-1, 1, -1]));
    const rnnNorms = hiddenGradientNorms(
      new SimpleRNNCell({ inputSize: 8, hiddenSize: 32, dtype: "float64", rng }),
      x,
      lastStepLoss,
    );
    const lstmNorms = hiddenGradientNorms(
      new LSTMCell({ inputSize: 8, hiddenSize: 32, unitForgetBias: true, dtype: "float64", rng }),
      x,
      lastStepLoss,
    );
    const rnnRatio = (rnnNorms[0] as number) / (rnnNorms[T - 1] as number);
    const lstmRatio = (lstmNorms[0] as number) / (lstmNorms[T - 1] as number);
    // vanilla: geometric decay, ten steps back already lose orders of magnitude
    expect(rnnRatio).toBeLessThan(1e-6);
    expect((rnnNorms[T - 11] as number) / (rnnNorms[T - 1] as number)).toBeLessThan(0.05);
    expect(lstmRatio).toBeGreaterThan(100 * rnnRatio);
    x.dispose();
  });
});

describe("RNN layer options", () => {
  it("stateful carries the final state into the next call; resetStates forgets it", () => {
    const cell = new GRUCell({ inputSize: 2, hiddenSize: 3, rng: new Rng(1) });
    const x = randomNormal([2, 6, 2], 0, 1, { rng: new Rng(2) });
    const whole = new RNN(cell).forward(x).output;
    const layer = new RNN(cell, { stateful: true });
    const first = layer.forward(slice(x, [0, 0, 0], [2, 3, 2])).output;
    const second = layer.forward(slice(x, [0, 3, 0], [2, 3, 2])).output;
    const w = whole.arraySync() as number[][][];
    const a = first.arraySync() as number[][][];
    const b = second.arraySync() as number[][][];
    for (let i = 0; i < 2; i++) {
      for (let t = 0; t < 6; t++) {
        const got = t < 3 ? a[i]?.[t] : b[i]?.[t - 3];
        got?.forEach((v, k) => {
          expect(v).toBeCloseTo(w[i]?.[t]?.[k] as number, 5);
        });
      }
    }
    layer.resetStates();
    const again = layer.forward(slice(x, [0, 3, 0], [2, 3, 2])).output;
    expect(Array.from(again.dataSync())).not.toEqual(Array.from(second.dataSync()));
  });

  it("1→N: one input vector repeated over N steps gives N outputs", () => {
    const x = tensor([[1, 2]]);
    const seq = repeatVector(x, 5);
    expect(seq.shape).toEqual([1, 5, 2]);
    const out = new RNN(new LSTMCell({ inputSize: 2, hiddenSize: 4, rng: new Rng(3) })).forward(
      seq,
    );
    expect(out.output.shape).toEqual([1, 5, 4]);
  });

  it("1→N with fed-back output: each step's prediction is the next input", () => {
    const cell = new GRUCell({ inputSize: 3, hiddenSize: 4, rng: new Rng(4) });
    const head = new Dense({ inputSize: 4, outputSize: 3, rng: new Rng(5) });
    const outputs = tidy(() => {
      let input = tensor([[1, 0, 0]]);
      let state = [tensor([[0, 0, 0, 0]])];
      const ys: number[][] = [];
      for (let t = 0; t < 4; t++) {
        state = cell.step(cell.projectInput(input), state);
        const y = head.forward(state[0] as Tensor);
        ys.push(Array.from(y.dataSync()));
        input = y;
      }
      return ys;
    });
    expect(outputs).toHaveLength(4);
    expect(outputs[1]).not.toEqual(outputs[2]);
  });

  it("errors name the layer, what was expected and what came", () => {
    const lstm = new LSTM({ inputSize: 3, hiddenSize: 4, name: "encoder" });
    expect(() => lstm.forward(tensor([1, 2, 3], [1, 3]))).toThrow(
      "encoder: expected input [batch, time, 3] (batch-first), got [1,3]",
    );
    expect(() => lstm.forward(randomNormal([2, 5, 2]))).toThrow("got [2,5,2]");
    expect(() => lstm.forward(randomNormal([2, 5, 3]), { h0: randomNormal([2, 2, 4]) })).toThrow(
      "encoder: h0 must be [1,2,4], got [2,2,4]",
    );
    expect(() => new SimpleRNN({ inputSize: 3, hiddenSize: 0 })).toThrow(
      "hiddenSize must be a positive integer, got 0",
    );
    expect(() => lstm.forward(randomNormal([2, 5, 3]), { mask: tensor([1, 1], [2, 1]) })).toThrow(
      "encoder: mask must be [2,5], got [2,1]",
    );
  });
});

describe("state dicts", () => {
  it("use PyTorch's names and layouts", () => {
    const lstm = new LSTM({ inputSize: 3, hiddenSize: 4, numLayers: 2, bidirectional: true });
    const shapes = Object.fromEntries(lstm.namedParameters().map(([n, v]) => [n, v.shape]));
    expect(shapes).toEqual({
      weight_ih_l0: [16, 3],
      weight_hh_l0: [16, 4],
      bias_ih_l0: [16],
      bias_hh_l0: [16],
      weight_ih_l0_reverse: [16, 3],
      weight_hh_l0_reverse: [16, 4],
      bias_ih_l0_reverse: [16],
      bias_hh_l0_reverse: [16],
      weight_ih_l1: [16, 8],
      weight_hh_l1: [16, 4],
      bias_ih_l1: [16],
      bias_hh_l1: [16],
      weight_ih_l1_reverse: [16, 8],
      weight_hh_l1_reverse: [16, 4],
      bias_ih_l1_reverse: [16],
      bias_hh_l1_reverse: [16],
    });
  });

  it("round-trip through .safetensors and reproduce the outputs", () => {
    const a = new LSTM({ inputSize: 3, hiddenSize: 4, rng: new Rng(6) });
    const b = new LSTM({ inputSize: 3, hiddenSize: 4, rng: new Rng(7) });
    const x = randomNormal([2, 5, 3], 0, 1, { rng: new Rng(8) });
    const bytes = saveSafetensors(a, { note: "test" });
    expect(loadSafetensors(b, bytes)).toEqual({ note: "test" });
    expect(Array.from(b.forward(x).output.dataSync())).toEqual(
      Array.from(a.forward(x).output.dataSync()),
    );
  });

  it("reject mismatched keys and shapes with the key named", () => {
    const lstm = new LSTM({ inputSize: 3, hiddenSize: 4, name: "lm" });
    const gru = new LSTM({ inputSize: 3, hiddenSize: 5 });
    expect(() => loadSafetensors(lstm, saveSafetensors(gru))).toThrow(
      'lm.loadStateDict: "weight_ih_l0" must be [16,3], got [20,3]',
    );
    const dict = lstm.stateDict();
    const { bias_hh_l0: _dropped, ...partial } = dict;
    expect(() => lstm.loadStateDict(partial)).toThrow("missing [bias_hh_l0]");
  });

  it("Keras init: orthogonal recurrent weights, forget-gate bias 1", () => {
    const lstm = new LSTM({ inputSize: 3, hiddenSize: 4, init: "keras", rng: new Rng(9) });
    const w = lstm.stateDict().weight_hh_l0 as Tensor;
    // columns of the [4H, H] recurrent weight are orthonormal: WᵀW = I
    const wtw = tidy(() => {
      const m = reshape(w, [16, 4]);
      const rows = m.arraySync() as number[][];
      return [0, 1, 2, 3].map((i) =>
        [0, 1, 2, 3].map((j) => rows.reduce((s, r) => s + (r[i] as number) * (r[j] as number), 0)),
      );
    });
    wtw.forEach((row, i) => {
      row.forEach((v, j) => {
        expect(v).toBeCloseTo(i === j ? 1 : 0, 5);
      });
    });
    expect(Array.from((lstm.stateDict().bias_ih_l0 as Tensor).dataSync())).toEqual([
      0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
  });
});
