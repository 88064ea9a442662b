import { registerCpuBackend } from "@rnnkit/backend-cpu";
import {
  add,
  type Dtype,
  dispose,
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
  [
    "SGD nesterov",
    (ps) => new SGD(ps, { learningRate: 0.02, momentum: 0.9, nesterov: true, weightDecay: 1e-3 }),
  ],
  ["RMSprop", (ps) => new RMSprop(ps, { learningRate: 0.05 })],
  [
    "RMSprop centered",
    (ps) => new RMSprop(ps, { learningRate: 0.01, momentum: 0.5, centered: true }),
  ],
  ["Adam", (ps) => new Adam(ps, { learningRate: 0.1 })],
  ["Adam weightDecay", (ps) => new Adam(ps, { learningRate: 0.1, weightDecay: 1e-3 })],
  ["Adagrad", (ps) => new Adagrad(ps, { learningRate: 0.5 })],
  [
    "Adagrad decay",
    (ps) =>
      new Adagrad(ps, { learningRate: 0.5, learningRateDecay: 0.01, initialAccumulatorValue: 0.1 }),
  ],
];

function makeVariable(values: number[], shape: number[], dtype: Dtype, name: string): Variable {
  const initial = tensor(values, shape, dtype);
  const v = variable(initial, { name });
  initial.dispose();
  return v;
}

/** Parameters W [2,3] and b [3] and the convex quadratic L = Σ s∘(W − W*)² + Σ (b − b*)². */
function makeProblem(dtype: Dtype, start = { w: [0.5, -1, 2, 0, 1.5, -0.5], b: [1, -2, 0.5] }) {
  const w = makeVariable(start.w, [2, 3], dtype, "w");
  const b = makeVariable(start.b, [3], dtype, "b");
  const targetW = tensor([1, 1, -1, 0.5, 0, 2], [2, 3], dtype);
  const scale = tensor([1, 2, 0.5, 3, 1, 0.25], [2, 3], dtype);
  const targetB = tensor([0, 1, -1], [3], dtype);
  const loss = (): Tensor =>
    add(sum(mul(scale, square(sub(w, targetW)))), sum(square(sub(b, targetB))));
  return {
    params: [w, b],
    loss,
    lossValue: () => tidy(() => loss().dataSync()[0] as number),
    dispose: () => dispose([w, b, targetW, scale, targetB]),
  };
}

function trainSteps(optimizer: Optimizer, loss: () => Tensor, steps: number): void {
  for (let s = 0; s < steps; s++) {
    const { value, grads } = variableGrads(loss, optimizer.params);
    optimizer.step(grads);
    dispose([value, ...grads.values()]);
  }
}

describe.each(optimizers)("%s", (_, make) => {
  it.each(["float32", "float64"] as const)(
    "decreases a convex quadratic (%s) and leaks nothing",
    (dtype) => {
      const before = memory();
      const problem = makeProblem(dtype);
      const optimizer = make(problem.params);
      const initial = problem.lossValue();
      const history: number[] = [];
      for (let s = 0; s < 10; s++) {
        trainSteps(optimizer, problem.loss, 10);
        history.push(problem.lossValue());
      }
      expect(history.at(-1)).toBeLessThan(0.05 * initial);
      expect(history.at(-1)).toBeLessThan(history[0] as number);
      expect(optimizer.stepCount).toBe(100);
      optimizer.dispose();
      problem.dispose();
      expect(memory()).toEqual(before);
    },
  );

  it("resumes bit-identically from stateDict (through JSON) after 2 steps", () => {
    // run A: 5 steps without interruption
    const a = makeProblem("float32");
    const optimizerA = make(a.params);
    trainSteps(optimizerA, a.loss, 5);
    const expected = a.params.map((p) => p.dataSync());

    // run B: 2 steps, save parameters + optimizer state, load into fresh objects, 3 more steps
    const b = makeProblem("float32");
    const optimizerB = make(b.params);
    trainSteps(optimizerB, b.loss, 2);
    const saved = JSON.stringify({
      state: optimizerB.stateDict(),
      w: Array.from(b.params[0]?.dataSync() ?? []),
      b: Array.from(b.params[1]?.dataSync() ?? []),
    });
    optimizerB.dispose();
    b.dispose();
    const checkpoint = JSON.parse(saved) as { state: OptimizerState; w: number[]; b: number[] };
    const c = makeProblem("float32", checkpoint);
    const optimizerC = make(c.params);
    optimizerC.loadStateDict(checkpoint.state);
    expect(optimizerC.stepCount).toBe(2);
    trainSteps(optimizerC, c.loss, 3);
    expect(c.params.map((p) => p.dataSync())).toEqual(expected);
    expect(optimizerC.stateDict()).toEqual(optimizerA.stateDict());

    // without the optimizer state the continuation differs (so the test above can fail),
    // except for plain SGD, which has no state
    const d = makeProblem("float32", checkpoint);
    const optimizerD = make(d.params);
    trainSteps(optimizerD, d.loss, 3);
    const stateful = Object.keys(checkpoint.state.parameters[0]?.slots ?? {}).length > 0;
    if (stateful) expect(d.params.map((p) => p.dataSync())).not.toEqual(expected);
    else expect(d.params.map((p) => p.dataSync())).toEqual(expected);
    for (const o of [optimizerA, optimizerC, optimizerD]) o.dispose();
    for (const p of [a, c, d]) p.dispose();
  });
});

describe("Optimizer", () => {
  it("skips parameters without a gradient (PyTorch: grad None) and counts the step", () => {
    const problem = makeProblem("float64");
    const [w, b] = problem.params as [Variable, Variable];
    const optimizer = new SGD(problem.params, { learningRate: 0.1 });
    const bBefore = b.dataSync();
    const { value, grads } = variableGrads(problem.loss, [w]);
    optimizer.step(grads);
    expect(b.dataSync()).toEqual(bBefore);
    expect(optimizer.stepCount).toBe(1);
    expect(optimizer.stateDict().parameters[1]).toBeNull();
    dispose([value, ...grads.values()]);
    optimizer.dispose();
    problem.dispose();
  });

  it("uses the learning rate set between steps", () => {
    const w = makeVariable([1], [1], "float64", "w");
    const optimizer = new SGD([w], { learningRate: 0.1 });
    const g = tensor([1], [1], "float64");
    optimizer.step(new Map([[w, g]]));
    optimizer.learningRate = 0.5;
    optimizer.step(new Map([[w, g]]));
    expect(w.dataSync()[0]).toBeCloseTo(1 - 0.1 - 0.5, 14);
    expect(() => {
      optimizer.learningRate = -1;
    }).toThrow("SGD: learningRate must be a finite number ≥ 0, got -1");
    dispose([w, g]);
    optimizer.dispose();
  });

  it("names the parameter when a gradient has the wrong shape or dtype", () => {
    const w = makeVariable([1, 2], [2], "float32", "weight");
    const optimizer = new Adam([w]);
    const wrongShape = tensor([1, 2, 3]);
    const wrongDtype = tensor([1, 2], [2], "float64");
    expect(() => optimizer.step(new Map([[w, wrongShape]]))).toThrow(
      'Adam.step: the gradient of "weight" must be float32 [2], got float32 [3]',
    );
    expect(() => optimizer.step(new Map([[w, wrongDtype]]))).toThrow(
      'Adam.step: the gradient of "weight" must be float32 [2], got float64 [2]',
    );
    expect(() => new Adam([w, w])).toThrow("Adam: params lists a variable twice");
    expect(() => new Adam([wrongShape as Variable])).toThrow(
      "Adam: params must be an array of Variables",
    );
    dispose([w, wrongShape, wrongDtype]);
    optimizer.dispose();
  });

  it("loadStateDict checks the class, the parameter count and slot shapes before changing anything", () => {
    const problem = makeProblem("float32");
    const adam = new Adam(problem.params);
    trainSteps(adam, problem.loss, 1);
    const state = adam.stateDict();
    expect(Object.keys(state.parameters[0]?.slots ?? {}).sort()).toEqual(["expAvg", "expAvgSq"]);
    expect(state.parameters[0]?.step).toBe(1);

    const sgd = new SGD(problem.params);
    expect(() => sgd.loadStateDict(state)).toThrow(
      "SGD.loadStateDict: the state is from Adam, not SGD",
    );
    const fresh = new Adam(problem.params.slice(0, 1));
    expect(() => fresh.loadStateDict(state)).toThrow(
      "Adam.loadStateDict: expected state for 1 parameters, got 2",
    );
    const broken = structuredClone(state);
    const slot = broken.parameters[1]?.slots.expAvg;
    if (slot !== undefined) slot.shape = [4];
    const before = adam.stateDict();
    expect(() => adam.loadStateDict(broken)).toThrow(
      'Adam.loadStateDict: slot "expAvg" of parameter 1 ("b") must be float32 [3], got float32 [4] with 3 values',
    );
    expect(adam.stateDict()).toEqual(before);
    for (const o of [adam, sgd, fresh]) o.dispose();
    problem.dispose();
  });

  it("stateDict, loadStateDict and dispose leak nothing", () => {
    const problem = makeProblem("float64");
    const before = memory();
    const optimizer = new RMSprop(problem.params, { momentum: 0.9, centered: true });
    trainSteps(optimizer, problem.loss, 2);
    optimizer.loadStateDict(optimizer.stateDict());
    trainSteps(optimizer, problem.loss, 1);
    optimizer.dispose();
    expect(memory()).toEqual(before);
    problem.dispose();
  });
});
