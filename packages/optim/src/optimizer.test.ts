import { registerCpuBackend } from "@rnnkit/backend-cpu";
import {
  type Dtype,
  memory,
  mul,
  square,
  sub,
  sum,
  type Tensor,
  tensor,
  tidy,
  type Variable,
  variable,
  variableGrads,
} from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { Adagrad } from "./adagrad.js";
import { Adam } from "./adam.js";
import type { Optimizer, OptimizerState } from "./optimizer.js";
import { RMSprop } from "./rmsprop.js";
import { SGD } from "./sgd.js";

registerCpuBackend();

type Make = (params: Variable[]) => Optimizer;

const optimizers: [string, Make][] = [
  ["SGD", (ps) => new SGD(ps, { learningRate: 0.05 })],
  ["SGD momentum nesterov", (ps) => new SGD(ps, { learningRate: 0.02, momentum: 0.9, nesterov: true, weightDecay: 1e-3 })],
  ["RMSprop", (ps) => new RMSprop(ps, { learningRate: 0.05 })],
  ["RMSprop centered momentum", (ps) => new RMSprop(ps, { learningRate: 0.01, momentum: 0.5, centered: true })],
  ["Adam", (ps) => new Adam(ps, { learningRate: 0.1 })],
  ["Adam weightDecay", (ps) => new Adam(ps, { learningRate: 0.1, weightDecay: 1e-3 })],
  ["Adagrad", (ps) => new Adagrad(ps, { learningRate: 0.5 })],
  ["Adagrad decay", (ps) => new Adagrad(ps, { learningRate: 0.5, learningRateDecay: 0.01, initialAccumulatorValue: 0.1 })],
];

/** Two parameters, W [2,3] and b [3], and a convex quadratic L = Σ A∘(W − W*)² + Σ (b − b*)². */
function makeProblem(dtype: Dtype) {
  const create = (values: number[], shape: number[], name: string) => {
    const initial = tensor(values, shape, dtype);
    const v = variable(initial, { name });
    initial.dispose();
    return v;
  };
  const w = create([0.5, -1, 2, 0, 1.5, -0.5], [2, 3], "w");
  const b = create([1, -2, 0.5], [3], "b");
  const targetW = tensor([1, 1, -1, 0.5, 0, 2], [2, 3], dtype);
  const scale = tensor([1, 2, 0.5, 3, 1, 0.25], [2, 3], dtype);
  const targetB = tensor([0, 1, -1], [3], dtype);
  const loss = (): Tensor =>
    tidy(() => sum(mul(scale, square(sub(w, targetW)))).add === undefined
      ? sum(mul(scale, square(sub(w, targetW))))
      : sum(mul(scale, square(sub(w, targetW)))));
  const total = (): Tensor =>
    tidy(() => {
      const lw = sum(mul(scale, square(sub(w, targetW))));
      const lb = sum(square(sub(b, targetB)));
      return sum(tensor([0], [1], dtype)).rank === 0 ? sumTwo(lw, lb) : sumTwo(lw, lb);
    });
  void loss;
  const dispose = () => {
    for (const t of [w, b, targetW, scale, targetB]) t.dispose();
  };
  return { params: [w, b], loss: total, dispose };
}
