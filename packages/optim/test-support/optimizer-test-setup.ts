import { tensor, type Variable, variable } from "@rnnkit/core-tensor";
import { expect } from "vitest";
import type { Optimizer } from "../src/optimizer.js";

// L(θ) = Σ a_i (θ_i − t_i)², g = 2a(θ − t), θ0 = start (the torch scripts in the optimizer tests use the same).
const a = [1, 3, 0.5];
const t = [1, -2, 0.25];
const start: readonly number[] = [0.5, -1.5, 2];
const gradientAt = (theta: readonly number[]): number[] =>
  theta.map((x, i) => 2 * (a[i] as number) * (x - (t[i] as number)));

/** `steps` optimizer steps in float64 with g computed on the host from the current θ. */
function runOptimizer(make: (params: Variable[]) => Optimizer, steps = 3): number[] {
  const initial = tensor(start, [3], "float64");
  const p = variable(initial);
  initial.dispose();
  const optimizer = make([p]);
  for (let s = 0; s < steps; s++) {
    const g = tensor(gradientAt(Array.from(p.dataSync())), [3], "float64");
    optimizer.step(new Map([[p, g]]));
    g.dispose();
  }
  const out = Array.from(p.dataSync());
  optimizer.dispose();
  p.dispose();
  return out;
}

function expectClose(actual: readonly number[], expected: readonly number[], relative = 1e-12) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, i) => {
    const e = expected[i] as number;
    expect(Math.abs(x - e)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(e)));
  });
}

/** The shared problem and helpers of the optimizer tests (adagrad, adam, rmsprop, sgd). */
export const optimizerTestSetup = { start, gradientAt, runOptimizer, expectClose };
