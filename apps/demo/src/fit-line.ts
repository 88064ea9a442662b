import {
  add,
  mul,
  Rng,
  scalar,
  sub,
  sum,
  type Tensor,
  tensor,
  tidy,
  variable,
  variableGrads,
} from "@rnnkit/core-tensor";

export interface FitLineOptions {
  /** Number of (x, y) samples, x evenly spaced in [-1, 1]. */
  samples?: number;
  steps?: number;
  learningRate?: number;
  /** Standard deviation of the Gaussian noise added to y. */
  noise?: number;
  seed?: number;
  /** Called every `logEvery` steps (and after the last one) with the loss before that step. */
  onLog?: (step: number, loss: number) => void;
  logEvery?: number;
}

export interface FitLineResult {
  /** Mean squared error before each step (losses[0] is the loss of the initial w = b = 0). */
  losses: number[];
  /** Mean squared error after the last step. */
  finalLoss: number;
  w: number;
  b: number;
}

/** The line the demo data is drawn from: y = TRUE_W · x + TRUE_B + noise. */
export const TRUE_W = 3;
export const TRUE_B = -2;

/**
 * Fits y = w·x + b to noisy samples of y = 3x − 2 by plain gradient descent on the mean squared
 * error: each step computes d loss / d (w, b) with `variableGrads` and applies
 * w ← w − learningRate · dw (same for b) with `Variable.assign`.
 */
export function fitLine(options: FitLineOptions = {}): FitLineResult {
  const samples = options.samples ?? 64;
  const steps = options.steps ?? 100;
  const learningRate = options.learningRate ?? 0.2;
  const noise = options.noise ?? 0.1;
  const logEvery = options.logEvery ?? 10;
  const rng = new Rng(options.seed ?? 7);

  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < samples; i++) {
    const xi = samples === 1 ? 0 : -1 + (2 * i) / (samples - 1);
    xs.push(xi);
    ys.push(TRUE_W * xi + TRUE_B + noise * rng.nextNormal());
  }
  const x = tensor(xs);
  const y = tensor(ys);
  const zero = scalar(0);
  const w = variable(zero, { name: "w" });
  const b = variable(zero, { name: "b" });
  zero.dispose(); // the variables hold their own references to its data

  // loss = Σ (w·x + b − y)² / n
  const loss = (): Tensor => {
    const residual = sub(add(mul(x, w), b), y);
    return mul(sum(mul(residual, residual)), 1 / samples);
  };

  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const value = tidy(() => {
      const { value: lossValue, grads } = variableGrads(loss, [w, b]);
      const dw = grads.get(w) as Tensor;
      const db = grads.get(b) as Tensor;
      w.assign(sub(w, mul(dw, learningRate)));
      b.assign(sub(b, mul(db, learningRate)));
      return lossValue.dataSync()[0] as number;
    });
    losses.push(value);
    if (options.onLog !== undefined && (step % logEvery === 0 || step === steps - 1)) {
      options.onLog(step, value);
    }
  }

  const finalLoss = tidy(() => loss().dataSync()[0] as number);
  const result: FitLineResult = {
    losses,
    finalLoss,
    w: w.dataSync()[0] as number,
    b: b.dataSync()[0] as number,
  };
  for (const t of [x, y, w, b]) t.dispose();
  return result;
}
