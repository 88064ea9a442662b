import { registerCpuBackend } from "@rnnkit/backend-cpu";
import {
  add,
  dispose,
  memory,
  mul,
  Rng,
  square,
  sub,
  sum,
  type Tensor,
  tanh,
  tensor,
  tidy,
  type Variable,
  variable,
  variableGrads,
  zeros,
} from "@rnnkit/core-tensor";
import { describe, expect, it } from "vitest";
import { Adam } from "./adam.js";
import { Optimizer, type Slots } from "./optimizer.js";
import { SGD } from "./sgd.js";
import { StepLR } from "./step-lr.js";
import { type BpttProgress, trainBptt } from "./train-bptt.js";

registerCpuBackend();

const B = 2;
const H = 3;
const N = 6; // time steps in the stream

/** A tiny element-wise RNN h_t = tanh(w∘h_{t−1} + u∘x_t), loss Σ_t Σ (h_t − y_t)². */
function makeModel() {
  const rng = new Rng(3);
  const make = (name: string) => {
    const initial = tensor(
      Array.from({ length: H }, () => rng.nextNormal()),
      [H],
      "float64",
    );
    const v = variable(initial, { name });
    initial.dispose();
    return v;
  };
  const w = make("w");
  const u = make("u");
  const xs = Array.from({ length: N }, () =>
    tensor(
      Array.from({ length: B * H }, () => rng.nextNormal()),
      [B, H],
      "float64",
    ),
  );
  const ys = Array.from({ length: N }, () =>
    tensor(
      Array.from({ length: B * H }, () => rng.next() - 0.5),
      [B, H],
      "float64",
    ),
  );
  type Chunk = { xs: Tensor[]; ys: Tensor[] };
  const lossFunction = (chunk: Chunk, state: Tensor | undefined) => {
    let h = state ?? zeros([B, H], "float64");
    let loss: Tensor | undefined;
    chunk.xs.forEach((x, t) => {
      h = tanh(add(mul(w, h), mul(u, x)));
      const term = sum(square(sub(h, chunk.ys[t] as Tensor)));
      loss = loss === undefined ? term : add(loss, term);
    });
    return { loss: loss as Tensor, state: h };
  };
  const chunks = (k: number): Chunk[] =>
    Array.from({ length: N / k }, (_, c) => ({
      xs: xs.slice(c * k, (c + 1) * k),
      ys: ys.slice(c * k, (c + 1) * k),
    }));
  return {
    params: [w, u],
    lossFunction,
    chunks,
    dispose: () => dispose([w, u, ...xs, ...ys]),
  };
}

/** Records the gradients it is given and leaves the parameters alone. */
class RecordingOptimizer extends Optimizer {
  readonly seen: number[][][] = [];
  private current: number[][] = [];
  constructor(params: Variable[]) {
    super("Recording", params, 0);
  }
  override step(grads: ReadonlyMap<Variable, Tensor>): void {
    this.current = [];
    super.step(grads);
    this.seen.push(this.current);
  }
  protected update(param: Tensor, grad: Tensor): { param: Tensor; slots: Slots } {
    this.current.push(Array.from(grad.dataSync()));
    return { param, slots: {} };
  }
}

describe("trainBptt", () => {
  it("truncated BPTT carries the state: same final state as one long unroll", () => {
    const model = makeModel();
    const long = tidy(() => model.lossFunction(model.chunks(N)[0]!, undefined));
    const optimizer = new SGD(model.params, { learningRate: 0 }); // forward only
    const { state, losses } = trainBptt(model.lossFunction, model.chunks(2), optimizer);
    expect(losses).toHaveLength(3);
    expect(state?.dataSync()).toEqual(long.state.dataSync());
    // the chunk losses add up to the long unroll's loss
    expect(losses.reduce((s, l) => s + l, 0)).toBeCloseTo(long.loss.dataSync()[0] as number, 12);
    dispose([state, long]);
    optimizer.dispose();
    model.dispose();
  });

  it("the gradient of each truncated step is that of its chunk alone, from a constant state", () => {
    const model = makeModel();
    const recorder = new RecordingOptimizer(model.params);
    const { state } = trainBptt(model.lossFunction, model.chunks(2), recorder);
    const [first, second, last] = model.chunks(2) as [never, never, never];

    // the state entering the last chunk, as a plain constant tensor
    const before = tidy(() => {
      const s1 = model.lossFunction(first, undefined).state;
      return model.lossFunction(second, s1).state;
    });
    const constant = tensor(before.dataSync(), [B, H], "float64");
    const alone = variableGrads(() => model.lossFunction(last, constant).loss, model.params);
    const expected = model.params.map((p) => Array.from(alone.grads.get(p)?.dataSync() ?? []));
    expect(recorder.seen[2]).toEqual(expected);

    // the full-sequence gradient of the same loss differs: truncation really cut the graph
    const through = variableGrads(() => {
      const s2 = model.lossFunction(second, model.lossFunction(first, undefined).state).state;
      return model.lossFunction(last, s2).loss;
    }, model.params);
    const full = model.params.map((p) => Array.from(through.grads.get(p)?.dataSync() ?? []));
    expect(full).not.toEqual(expected);
    dispose([state, before, constant, alone.value, through.value]);
    dispose([...alone.grads.values(), ...through.grads.values()]);
    recorder.dispose();
    model.dispose();
  });

  it("full BPTT (one chunk) gives the gradient of the whole sequence", () => {
    const model = makeModel();
    const recorder = new RecordingOptimizer(model.params);
    const { state } = trainBptt(model.lossFunction, model.chunks(N), recorder);
    const whole = variableGrads(
      () => model.lossFunction(model.chunks(N)[0]!, undefined).loss,
      model.params,
    );
    expect(recorder.seen).toEqual([
      model.params.map((p) => Array.from(whole.grads.get(p)?.dataSync() ?? [])),
    ]);
    dispose([state, whole.value, ...whole.grads.values()]);
    recorder.dispose();
    model.dispose();
  });

  it("clips to clipNorm, reports the norm before clipping, and calls onStep", () => {
    const model = makeModel();
    const recorder = new RecordingOptimizer(model.params);
    const progress: BpttProgress[] = [];
    const { state, gradNorms } = trainBptt(model.lossFunction, model.chunks(3), recorder, {
      clipNorm: 0.01,
      onStep: (p) => progress.push(p),
    });
    expect(progress.map((p) => p.step)).toEqual([1, 2]);
    expect(progress.map((p) => p.gradNorm)).toEqual(gradNorms);
    for (const [i, grads] of recorder.seen.entries()) {
      const clipped = Math.sqrt(grads.flat().reduce((s, g) => s + g * g, 0));
      expect(gradNorms[i]).toBeGreaterThan(0.01);
      expect(clipped).toBeCloseTo(0.01, 8);
    }
    dispose(state);
    recorder.dispose();
    model.dispose();
  });

  it("reports the loss and grad norm per step and trains (Adam, StepLR from onStep)", () => {
    const model = makeModel();
    const optimizer = new Adam(model.params, { learningRate: 0.05 });
    const schedule = new StepLR(optimizer, { stepSize: 30, gamma: 0.5 });
    const epochLosses: number[] = [];
    const rates: number[] = [];
    let state: Tensor | undefined;
    for (let epoch = 0; epoch < 20; epoch++) {
      const result = trainBptt(model.lossFunction, model.chunks(2), optimizer, {
        clipNorm: 5,
        onStep: (p) => {
          rates.push(p.learningRate);
          schedule.step();
        },
      });
      expect(result.gradNorms.every((g) => Number.isFinite(g) && g >= 0)).toBe(true);
      epochLosses.push(result.losses.reduce((s, l) => s + l, 0));
      dispose(state);
      state = result.state;
    }
    expect(epochLosses.at(-1)).toBeLessThan(0.8 * (epochLosses[0] as number));
    expect(rates[29]).toBe(0.05);
    expect(rates[30]).toBe(0.025);
    dispose(state);
    optimizer.dispose();
    model.dispose();
  });

  it("leaks nothing but the returned state, and leaves the caller's initial state alive", () => {
    const model = makeModel();
    const optimizer = new SGD(model.params, { learningRate: 0.01, momentum: 0.9 });
    trainBptt(model.lossFunction, model.chunks(2), optimizer).state?.dispose(); // slots exist now
    const initialState = tensor(new Array(B * H).fill(0.1), [B, H], "float64");
    const before = memory();
    const { state } = trainBptt(model.lossFunction, model.chunks(2), optimizer, { initialState });
    expect(memory().numTensors).toBe(before.numTensors + 1);
    expect(initialState.isDisposed).toBe(false);
    dispose([state, initialState]);
    optimizer.dispose();
    model.dispose();
  });

  it("rejects a loss that is not one element", () => {
    const model = makeModel();
    const optimizer = new SGD(model.params);
    expect(() =>
      trainBptt(
        (chunk: { xs: Tensor[] }) => ({ loss: mul(chunk.xs[0] as Tensor, 2), state: undefined }),
        model.chunks(2),
        optimizer,
      ),
    ).toThrow(
      "trainBptt: the loss function must return { loss, state } with a one-element loss, got [2,3]",
    );
    optimizer.dispose();
    model.dispose();
  });
});
