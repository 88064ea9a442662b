import { registerCpuBackend } from "@rnnkit/backend-cpu";
import {
  dispose,
  oneHot,
  Rng,
  setBackend,
  type Tensor,
  tensor,
  tidy,
  variableGrads,
} from "@rnnkit/core-tensor";
import { Dense, GRU, LSTM } from "@rnnkit/layers-recurrent";
import { crossEntropy } from "@rnnkit/losses";
import { describe, expect, it } from "vitest";
import { registerGpujsBackend } from "./register.js";

// A char-RNN training step: one-hot [B,T,V] → LSTM/GRU (H) → Dense (H → V) at every step →
// softmax cross-entropy against the next characters, on backend-cpu and on backend-gpujs.
const V = 7;
const B = 3;
const T = 5;
const H = 8;

interface StepResult {
  loss: number;
  grads: Map<string, Float32Array>;
}

function trainingStep(kind: "LSTM" | "GRU", backendName: string): StepResult {
  setBackend(backendName);
  const rng = new Rng(2024);
  const rnn =
    kind === "LSTM"
      ? new LSTM({ inputSize: V, hiddenSize: H, rng })
      : new GRU({ inputSize: V, hiddenSize: H, rng });
  const dense = new Dense({ inputSize: H, outputSize: V, rng });
  const chars = Array.from({ length: B * (T + 1) }, (_, i) => (i * 5 + (i % 3)) % V);
  const inputs = chars.filter((_, i) => i % (T + 1) !== T);
  const targets = chars.filter((_, i) => i % (T + 1) !== 0);
  const named = new Map([...rnn.namedParameters("rnn."), ...dense.namedParameters("dense.")]);
  const result = tidy(() => {
    const x = oneHot(tensor(inputs, [B, T], "int32"), V);
    const y = tensor(targets, [B, T], "int32");
    const { value, grads } = variableGrads(
      () => crossEntropy(dense.forward(rnn.forward(x).output), y),
      [...named.values()],
    );
    const byName = new Map<string, Float32Array>();
    for (const [name, v] of named) {
      byName.set(name, Float32Array.from((grads.get(v) as Tensor).dataSync()));
    }
    return { loss: value.dataSync()[0] as number, grads: byName };
  });
  dispose([rnn.parameters(), dense.parameters()]);
  return result;
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  a.forEach((v, i) => {
    worst = Math.max(worst, Math.abs(v - (b[i] as number)));
  });
  return worst;
}

registerCpuBackend();

describe.each(["webasm", "webgpu"] as const)("training parity with backend-cpu (%s)", (mode) => {
  it.each(["LSTM", "GRU"] as const)(
    "%s: one step gives the same loss and gradients within 1e-4",
    (kind) => {
      const backend = registerGpujsBackend({ mode });
      expect(backend.mode).toBe(mode);
      const reference = trainingStep(kind, "cpu");
      const actual = trainingStep(kind, "gpujs");
      expect(Math.abs(actual.loss - reference.loss)).toBeLessThan(1e-4);
      expect(reference.loss).toBeGreaterThan(1); // ≈ ln 7 for a fresh model: the step did run
      expect([...actual.grads.keys()]).toEqual([...reference.grads.keys()]);
      for (const [name, g] of reference.grads) {
        const difference = maxDifference(actual.grads.get(name) as Float32Array, g);
        expect(difference, name).toBeLessThan(1e-4);
      }
      // gradients that are all zero would pass trivially
      const norm = Math.hypot(...(reference.grads.get("rnn.weight_hh_l0") as Float32Array));
      expect(norm).toBeGreaterThan(1e-3);
    },
  );
});
