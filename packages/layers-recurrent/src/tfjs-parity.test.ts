// Parity with TensorFlow.js layers (@tensorflow/tfjs 4.22.0, pure-JS "cpu" backend), float32 on
// both sides, same weights: outputs and final states within 1e-5, gradients within 1e-4.
// Layout map (Keras ← PyTorch): kernel [I, G·H] = weight_ihᵀ, recurrent_kernel [H, G·H] = weight_hhᵀ,
// bias = bias_ih + bias_hh, gate blocks LSTM i,f,c,o ← i,f,g,o and GRU z,r,h ← r,z,n.
import { registerCpuBackend } from "@rnnkit/backend-cpu";
import {
  memory,
  mul,
  Rng,
  sum,
  type Tensor,
  tensor,
  tidy,
  valueAndGrads,
} from "@rnnkit/core-tensor";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { Bidirectional, type MergeMode } from "./bidirectional.js";
import { LSTMCell } from "./cells/lstm-cell.js";
import type { RecurrentCell } from "./cells/recurrent-cell.js";
import { GRU } from "./gru.js";
import { LSTM } from "./lstm.js";
import type { RecurrentLayer } from "./recurrent-layer.js";
import { RNN } from "./rnn.js";
import { SimpleRNN } from "./simple-rnn.js";

registerCpuBackend();

const B = 3;
const T = 6;
const I = 4;
const H = 5;
const FORWARD_TOLERANCE = 1e-5;
const GRADIENT_TOLERANCE = 1e-4;

type Kind = "simpleRNN" | "lstm" | "gru";

/** For each Keras gate block, the PyTorch block it comes from. */
const KERAS_FROM_PYTORCH: Record<Kind, number[]> = {
  simpleRNN: [0],
  lstm: [0, 1, 2, 3], // i, f, c, o ← i, f, g, o
  gru: [1, 0, 2], // z, r, h ← r, z, n
};

beforeAll(async () => {
  tf.env().set("IS_TEST", true); // as tfjs's own tests: no "install tfjs-node" banner
  await tf.setBackend("cpu");
  await tf.ready();
});

function randomValues(seed: number, count: number): number[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => rng.nextNormal());
}

/** PyTorch matrix [G·H, N] (row-major) → Keras matrix [N, G·H]: transpose and reorder the gate blocks. */
function toKerasMatrix(values: ArrayLike<number>, n: number, kind: Kind): Float32Array {
  const order = KERAS_FROM_PYTORCH[kind];
  const G = order.length;
  const out = new Float32Array(n * G * H);
  order.forEach((pytorchBlock, kerasBlock) => {
    for (let j = 0; j < H; j++) {
      for (let i = 0; i < n; i++) {
        // kernel[i, kb·H + j] = W[pb·H + j, i]
        out[i * G * H + kerasBlock * H + j] = values[(pytorchBlock * H + j) * n + i] as number;
      }
    }
  });
  return out;
}

/** PyTorch vector [G·H] → Keras vector [G·H] (gate blocks reordered). */
function toKerasVector(values: ArrayLike<number>, kind: Kind): Float32Array {
  const order = KERAS_FROM_PYTORCH[kind];
  const out = new Float32Array(order.length * H);
  order.forEach((pytorchBlock, kerasBlock) => {
    for (let j = 0; j < H; j++) out[kerasBlock * H + j] = values[pytorchBlock * H + j] as number;
  });
  return out;
}

/**
 * The Keras weights [kernel, recurrent_kernel, bias] of one cell. bias = b_ih + b_hh is exact for
 * every cell here: in the GRU with reset_after=false, b_hn sits outside r∘h (n = tanh(W_in x + b_in +
 * W_hn (r∘h) + b_hn)), so it merges with b_in like the r and z biases.
 */
function kerasWeights(cell: RecurrentCell, kind: Kind): tf.Tensor[] {
  const bIh = (cell.biasIh as Tensor).dataSync();
  const bHh = (cell.biasHh as Tensor).dataSync();
  const bias = Array.from(bIh, (v, k) => v + (bHh[k] as number));
  const G = KERAS_FROM_PYTORCH[kind].length;
  return [
    tf.tensor2d(toKerasMatrix(cell.weightIh.dataSync(), cell.inputSize, kind), [
      cell.inputSize,
      G * H,
    ]),
    tf.tensor2d(toKerasMatrix(cell.weightHh.dataSync(), H, kind), [H, G * H]),
    tf.tensor1d(toKerasVector(bias, kind)),
  ];
}

function tfjsLayer(kind: Kind, goBackwards = false): tf.layers.Layer {
  const common = { units: H, returnSequences: true, returnState: true, goBackwards };
  switch (kind) {
    case "simpleRNN":
      return tf.layers.simpleRNN({ ...common, activation: "tanh" });
    case "lstm": // tfjs's default recurrent activation is hardSigmoid
      return tf.layers.lstm({ ...common, recurrentActivation: "sigmoid" });
    case "gru": // tfjs implements reset_after=false only
      return tf.layers.gru({ ...common, recurrentActivation: "sigmoid" });
  }
}

function rnnkitLayer(kind: Kind, seed: number, fused: boolean): RecurrentLayer {
  const common = { inputSize: I, hiddenSize: H, dtype: "float32" as const, rng: new Rng(seed) };
  switch (kind) {
    case "simpleRNN":
      return new SimpleRNN({ ...common, nonlinearity: "tanh" });
    case "lstm":
      return new LSTM({ ...common, fused });
    case "gru":
      return new GRU({ ...common, fused, resetAfter: false });
  }
}

/** Builds a tfjs layer on [B, T, I] (apply once), then loads the given weights. */
function buildTfjs(layer: tf.layers.Layer, input: tf.Tensor, weights: tf.Tensor[]): void {
  tf.dispose(layer.apply(input) as tf.Tensor[]);
  layer.setWeights(weights);
  tf.dispose(weights);
}

function maxAbsDiff(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let k = 0; k < expected.length; k++) {
    worst = Math.max(worst, Math.abs((actual[k] as number) - (expected[k] as number)));
  }
  return worst;
}

function expectClose(
  actual: Tensor,
  expected: tf.Tensor,
  label: string,
  tolerance = FORWARD_TOLERANCE,
): void {
  expect(actual.shape, `${label} shape`).toEqual(expected.shape);
  const worst = maxAbsDiff(actual.dataSync(), expected.dataSync());
  expect(worst, `${label}: max |rnnkit − tfjs|`).toBeLessThan(tolerance);
}

function expectCloseValues(actual: ArrayLike<number>, expected: tf.Tensor, label: string): void {
  expect(maxAbsDiff(actual, expected.dataSync()), `${label}: max |rnnkit − tfjs|`).toBeLessThan(
    GRADIENT_TOLERANCE,
  );
}

const xValues = randomValues(1, B * T * I);
const wOutValues = randomValues(2, B * T * H);

describe("recurrent layers match tfjs layers", () => {
  const cases: [Kind, boolean][] = [
    ["simpleRNN", false],
    ["lstm", true],
    ["lstm", false],
    ["gru", true],
    ["gru", false],
  ];
  cases.forEach(([kind, fused], n) => {
    it(`${kind}${kind === "simpleRNN" ? "" : fused ? " (fused kernels)" : " (composite ops)"}: outputs, final states, gradients`, () => {
      const before = memory().numTensors;
      const xTf = tf.tensor3d(xValues, [B, T, I]);
      const wTf = tf.tensor3d(wOutValues, [B, T, H]);
      tidy(() => {
        const layer = rnnkitLayer(kind, 10 + n, fused);
        const cell = layer.cells[0]?.[0] as RecurrentCell;
        const tfLayer = tfjsLayer(kind);
        buildTfjs(tfLayer, xTf, kerasWeights(cell, kind));

        const x = tensor(xValues, [B, T, I], "float32");
        const w = tensor(wOutValues, [B, T, H], "float32");
        const params = [cell.weightIh, cell.weightHh, cell.biasIh as Tensor, cell.biasHh as Tensor];
        const { output, hN, cN } = layer.forward(x);
        // loss = Σ output ∘ w (valueAndGrads frees what f makes besides the value: run it again)
        const { grads } = valueAndGrads(() => sum(mul(layer.forward(x).output, w)))(params);

        const tfOut = tfLayer.apply(xTf) as tf.Tensor[];
        expectClose(output, tfOut[0] as tf.Tensor, "output");
        expectClose(hN, (tfOut[1] as tf.Tensor).reshape([1, B, H]), "h_n");
        if (kind === "lstm")
          expectClose(cN as Tensor, (tfOut[2] as tf.Tensor).reshape([1, B, H]), "c_n");
        tf.dispose(tfOut);

        const [kernel, recurrentKernel, bias] = tfLayer.trainableWeights.map(
          (v) => v.read() as tf.Variable,
        );
        const tfGrads = tf.variableGrads(
          () =>
            tf.sum(tf.mul((tfLayer.apply(xTf) as tf.Tensor[])[0] as tf.Tensor, wTf)) as tf.Scalar,
          [kernel, recurrentKernel, bias] as tf.Variable[],
        );
        const g = (v: tf.Variable | undefined): tf.Tensor =>
          tfGrads.grads[(v as tf.Variable).name] as tf.Tensor;
        const [gIh, gHh, gbIh, gbHh] = grads as [Tensor, Tensor, Tensor, Tensor];
        expectCloseValues(toKerasMatrix(gIh.dataSync(), I, kind), g(kernel), "d loss / d kernel");
        expectCloseValues(
          toKerasMatrix(gHh.dataSync(), H, kind),
          g(recurrentKernel),
          "d loss / d recurrent_kernel",
        );
        // both biases enter the same sum, so each has the gradient of the merged Keras bias
        expectCloseValues(
          toKerasVector(gbIh.dataSync(), kind),
          g(bias),
          "d loss / d bias (bias_ih)",
        );
        expectCloseValues(
          toKerasVector(gbHh.dataSync(), kind),
          g(bias),
          "d loss / d bias (bias_hh)",
        );
        tf.dispose([tfGrads.value, ...Object.values(tfGrads.grads)]);
        tfLayer.dispose();
        layer.dispose();
      });
      tf.dispose([xTf, wTf]);
      expect(memory().numTensors).toBe(before);
    });
  });

  it("goBackwards: tfjs returns the reversed sequence, rnnkit keeps it aligned with the input", () => {
    const xTf = tf.tensor3d(xValues, [B, T, I]);
    tidy(() => {
      const cell = new LSTMCell({ inputSize: I, hiddenSize: H, rng: new Rng(20) });
      const layer = new RNN(cell, { goBackwards: true });
      const tfLayer = tfjsLayer("lstm", true);
      buildTfjs(tfLayer, xTf, kerasWeights(cell, "lstm"));
      const out = layer.forward(tensor(xValues, [B, T, I], "float32"));
      const tfOut = tfLayer.apply(xTf) as tf.Tensor[];
      expectClose(
        out.output,
        tf.reverse(tfOut[0] as tf.Tensor, 1),
        "output vs reversed tfjs output",
      );
      expectClose(out.states[0] as Tensor, tfOut[1] as tf.Tensor, "h");
      expectClose(out.states[1] as Tensor, tfOut[2] as tf.Tensor, "c");
      tf.dispose(tfOut);
      tfLayer.dispose();
      layer.dispose();
    });
    xTf.dispose();
  });
});

describe("Bidirectional LSTM matches tfjs (tf.layers.bidirectional)", () => {
  for (const mergeMode of ["concat", "sum"] as MergeMode[]) {
    it(`mergeMode ${mergeMode}: output, four final states, d loss / d kernels`, () => {
      const before = memory().numTensors;
      const xTf = tf.tensor3d(xValues, [B, T, I]);
      const outSize = mergeMode === "concat" ? 2 * H : H;
      const wValues = randomValues(3, B * T * outSize);
      const wTf = tf.tensor3d(wValues, [B, T, outSize]);
      tidy(() => {
        const fCell = new LSTMCell({ inputSize: I, hiddenSize: H, rng: new Rng(30) });
        const bCell = new LSTMCell({ inputSize: I, hiddenSize: H, rng: new Rng(31) });
        const bi = new Bidirectional({
          forward: new RNN(fCell),
          backward: new RNN(bCell, { goBackwards: true }),
          mergeMode,
        });
        const tfBi = tf.layers.bidirectional({ layer: tfjsLayer("lstm") as tf.RNN, mergeMode });
        buildTfjs(tfBi, xTf, [...kerasWeights(fCell, "lstm"), ...kerasWeights(bCell, "lstm")]);

        const x = tensor(xValues, [B, T, I], "float32");
        const w = tensor(wValues, [B, T, outSize], "float32");
        const { output, states } = bi.forward(x);
        const { grads } = valueAndGrads(() => sum(mul(bi.forward(x).output, w)))([
          fCell.weightIh,
          bCell.weightIh,
        ]);

        // [output, h_fwd, c_fwd, h_bwd, c_bwd], the backward outputs re-aligned by the wrapper
        const tfOut = tfBi.apply(xTf) as tf.Tensor[];
        expect(tfOut.length).toBe(5);
        expectClose(output, tfOut[0] as tf.Tensor, "output");
        ["h forward", "c forward", "h backward", "c backward"].forEach((label, k) => {
          expectClose(states[k] as Tensor, tfOut[k + 1] as tf.Tensor, label);
        });
        tf.dispose(tfOut);

        // trainable weights: forward [kernel, recurrent, bias], then backward's
        const kernels = [0, 3].map((k) => tfBi.trainableWeights[k]?.read() as tf.Variable);
        const tfGrads = tf.variableGrads(
          () => tf.sum(tf.mul((tfBi.apply(xTf) as tf.Tensor[])[0] as tf.Tensor, wTf)) as tf.Scalar,
          kernels,
        );
        kernels.forEach((kernel, k) => {
          const label = `d loss / d ${k === 0 ? "forward" : "backward"} kernel`;
          expectCloseValues(
            toKerasMatrix((grads[k] as Tensor).dataSync(), I, "lstm"),
            tfGrads.grads[kernel.name] as tf.Tensor,
            label,
          );
        });
        tf.dispose([tfGrads.value, ...Object.values(tfGrads.grads)]);
        tfBi.dispose();
        bi.dispose();
      });
      tf.dispose([xTf, wTf]);
      expect(memory().numTensors).toBe(before);
    });
  }

  it("LSTM({ bidirectional: true }) equals the concat wrapper", () => {
    const xTf = tf.tensor3d(xValues, [B, T, I]);
    tidy(() => {
      const layer = new LSTM({
        inputSize: I,
        hiddenSize: H,
        bidirectional: true,
        rng: new Rng(40),
      });
      const [fCell, bCell] = layer.cells[0] as [RecurrentCell, RecurrentCell];
      const tfBi = tf.layers.bidirectional({
        layer: tfjsLayer("lstm") as tf.RNN,
        mergeMode: "concat",
      });
      buildTfjs(tfBi, xTf, [...kerasWeights(fCell, "lstm"), ...kerasWeights(bCell, "lstm")]);
      const out = layer.forward(tensor(xValues, [B, T, I], "float32"));
      const tfOut = tfBi.apply(xTf) as tf.Tensor[];
      expectClose(out.output, tfOut[0] as tf.Tensor, "output");
      expectClose(out.hN, tf.stack([tfOut[1] as tf.Tensor, tfOut[3] as tf.Tensor]), "h_n");
      expectClose(
        out.cN as Tensor,
        tf.stack([tfOut[2] as tf.Tensor, tfOut[4] as tf.Tensor]),
        "c_n",
      );
      tf.dispose(tfOut);
      tfBi.dispose();
      layer.dispose();
    });
    xTf.dispose();
  });
});
