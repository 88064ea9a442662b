/**
 * Gradient checking against central finite differences in float64:
 *   ∂L/∂x_j ≈ (L(x + ε e_j) − L(x − ε e_j)) / 2ε,   L = Σ_k Σ w_k ∘ f_k(x)
 * with fixed pseudo-random weights w, so errors in different outputs cannot cancel.
 */
import { grads } from "../autograd.js";
import { tidy } from "../engine.js";
import { RnnkitError } from "../errors.js";
import { randomUniform } from "../ops/creation/random-uniform.js";
import { tensor } from "../ops/creation/tensor.js";
import { add } from "../ops/elementwise/add.js";
import { mul } from "../ops/elementwise/mul.js";
import { sum } from "../ops/reduction/sum.js";
import { Rng } from "../random/rng.js";
import { type NestedArray, Tensor } from "../tensor.js";
import type { Variable } from "../variable.js";

export interface CheckGradientOptions {
  /** Finite-difference step (default 1e-6). */
  epsilon?: number;
  /** Absolute tolerance (default 1e-6). */
  atol?: number;
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Check only these inputs (indices); the others are held constant. Default: all. */
  wrt?: number[];
}

export interface CheckGradientResult {
  /** Largest |analytic − numeric| over all checked elements. */
  maxAbsError: number;
  /** Number of elements checked. */
  checked: number;
}

type GradInput = Tensor | NestedArray | { values: number[]; shape: number[] };

function toFloat64(input: GradInput): Tensor {
  if (input instanceof Tensor) return tensor(input.dataSync(), input.shape as number[], "float64");
  if (typeof input === "object" && input !== null && !Array.isArray(input)) {
    return tensor(input.values, input.shape, "float64");
  }
  return tensor(input as NestedArray, undefined, "float64");
}

/**
 * Checks the gradient of `f` at `inputs` (float64). Throws an Error naming the input and element
 * whose analytic and numeric gradients disagree; returns the largest error otherwise.
 */
export function checkGradient(
  f: (...xs: Tensor[]) => Tensor | Tensor[],
  inputs: readonly GradInput[],
  options: CheckGradientOptions = {},
): CheckGradientResult {
  const epsilon = options.epsilon ?? 1e-6;
  const atol = options.atol ?? 1e-6;
  const rtol = options.rtol ?? 1e-5;
  const xs = inputs.map(toFloat64);
  const wrt = options.wrt ?? xs.map((_, i) => i);
  const rng = new Rng(1234);
  const outputs0 = tidy(() => {
    const out = f(...xs);
    return (Array.isArray(out) ? out : [out]).map((o) => o.shape.slice());
  });
  const weights = outputs0.map((shape) =>
    randomUniform(shape, 0.5, 1.5, { dtype: "float64", rng }),
  );

  const loss = (...args: Tensor[]): Tensor => {
    const out = f(...args);
    const list = Array.isArray(out) ? out : [out];
    let total: Tensor | undefined;
    list.forEach((o, k) => {
      if (o.dtype !== "float64") {
        throw new RnnkitError("checkGradient", `output ${k} is ${o.dtype}; expected float64`);
      }
      const term = sum(mul(o, weights[k] as Tensor));
      total = total === undefined ? term : add(total, term);
    });
    return total as Tensor;
  };

  let maxAbsError = 0;
  let checked = 0;
  try {
    const analytic = tidy(() => grads(loss)(xs).map((g) => g.dataSync()));
    for (const i of wrt) {
      const x = xs[i] as Tensor;
      const base = x.dataSync();
      const g = analytic[i] as Float64Array;
      for (let j = 0; j < base.length; j++) {
        const evalAt = (value: number): number =>
          tidy(() => {
            const perturbed = base.slice();
            perturbed[j] = value;
            const args = xs.slice();
            args[i] = tensor(perturbed, x.shape as number[], "float64");
            return loss(...args).dataSync()[0] as number;
          });
        const orig = base[j] as number;
        const numeric = (evalAt(orig + epsilon) - evalAt(orig - epsilon)) / (2 * epsilon);
        const a = g[j] as number;
        const error = Math.abs(a - numeric);
        maxAbsError = Math.max(maxAbsError, error);
        checked++;
        if (!(error <= atol + rtol * Math.abs(numeric))) {
          throw new RnnkitError(
            "checkGradient",
            `input ${i} element ${j}: analytic ${a}, numeric ${numeric} (|diff| ${error.toExponential(2)})`,
          );
        }
      }
    }
  } finally {
    for (const t of [...xs, ...weights]) t.dispose();
  }
  return { maxAbsError, checked };
}

/**
 * The same check for a function of variables (a layer's parameters): analytic gradients from the
 * tape, numeric ones by assigning perturbed values to each variable in turn. Variables must be
 * float64; their values are restored afterwards.
 */
export function checkVariableGradient(
  f: () => Tensor | Tensor[],
  variables: readonly Variable[],
  options: Omit<CheckGradientOptions, "wrt"> = {},
): CheckGradientResult {
  const epsilon = options.epsilon ?? 1e-6;
  const atol = options.atol ?? 1e-6;
  const rtol = options.rtol ?? 1e-5;
  for (const v of variables) {
    if (v.dtype !== "float64") {
      throw new RnnkitError(
        "checkVariableGradient",
        `variable "${v.name}" is ${v.dtype}; expected float64`,
      );
    }
  }
  const rng = new Rng(1234);
  const shapes = tidy(() => {
    const out = f();
    return (Array.isArray(out) ? out : [out]).map((o) => o.shape.slice());
  });
  const weights = shapes.map((shape) => randomUniform(shape, 0.5, 1.5, { dtype: "float64", rng }));
  const loss = (): Tensor => {
    const out = f();
    let total: Tensor | undefined;
    (Array.isArray(out) ? out : [out]).forEach((o, k) => {
      const term = sum(mul(o, weights[k] as Tensor));
      total = total === undefined ? term : add(total, term);
    });
    return total as Tensor;
  };
  let maxAbsError = 0;
  let checked = 0;
  try {
    const analytic = tidy(() => grads(loss)(variables).map((g) => g.dataSync()));
    variables.forEach((v, i) => {
      const base = v.dataSync();
      const setValues = (values: Float64Array | TypedArrayLike): void => {
        const t = tensor(values as Float64Array, [...v.shape], "float64");
        v.assign(t);
        t.dispose();
      };
      try {
        for (let j = 0; j < base.length; j++) {
          const evalAt = (value: number): number => {
            const perturbed = base.slice();
            perturbed[j] = value;
            setValues(perturbed);
            return tidy(() => loss().dataSync()[0] as number);
          };
          const orig = base[j] as number;
          const numeric = (evalAt(orig + epsilon) - evalAt(orig - epsilon)) / (2 * epsilon);
          const a = (analytic[i] as Float64Array)[j] as number;
          const error = Math.abs(a - numeric);
          maxAbsError = Math.max(maxAbsError, error);
          checked++;
          if (!(error <= atol + rtol * Math.abs(numeric))) {
            throw new RnnkitError(
              "checkVariableGradient",
              `variable "${v.name}" element ${j}: analytic ${a}, numeric ${numeric} (|diff| ${error.toExponential(2)})`,
            );
          }
        }
      } finally {
        setValues(base);
      }
    });
  } finally {
    for (const t of weights) t.dispose();
  }
  return { maxAbsError, checked };
}

type TypedArrayLike = ArrayLike<number>;
