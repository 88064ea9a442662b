/**
 * Reverse-mode automatic differentiation. While `f` runs, every kernel call that depends on a
 * source is recorded on a tape; the backward pass walks the tape in reverse and calls each kernel's
 * GradConfig (registered beside its op in `ops/`).
 */
import { allocate } from "./dtype.js";
import { engine, tidy } from "./engine.js";
import { RnnkitError, shapeToString } from "./errors.js";
import type { Tensor } from "./tensor.js";
import { Variable } from "./variable.js";

function seed(value: Tensor, dy: Tensor | undefined): Tensor {
  if (dy !== undefined) {
    if (dy.shape.length !== value.shape.length || dy.shape.some((d, i) => d !== value.shape[i])) {
      throw new RnnkitError(
        "grad",
        `dy has shape ${shapeToString(dy.shape)}, the function's value has ${shapeToString(value.shape)}`,
      );
    }
    return dy;
  }
  const ones = allocate(value.dtype, value.size).fill(1);
  return engine().makeTensorFromValues(ones, value.shape, value.dtype);
}

/**
 * Runs `f`, then returns its value and the gradient of sum(value · dy) (dy defaults to ones) with
 * respect to each source. Sources that do not reach the value get zeros.
 */
function gradients(
  f: () => Tensor,
  sources: readonly Tensor[],
  dy?: Tensor,
): { value: Tensor; grads: Tensor[] } {
  const e = engine();
  const tape = e.startTape(sources);
  let value: Tensor;
  try {
    value = tidy(f);
  } catch (error) {
    e.releaseTape(tape); // frees what f disposed while the tape pinned it
    throw error;
  } finally {
    e.stopTape(tape);
  }
  try {
    const grads = tidy(() => {
      const raw = e.backward(tape, value, seed(value, dy), sources);
      const handedOut = new Set<Tensor>([...sources, ...(dy ? [dy] : [])]);
      return raw.map((g, i) => {
        const source = sources[i] as Tensor;
        if (g === undefined) {
          return e.makeTensorFromValues(
            allocate(source.dtype, source.size),
            source.shape,
            source.dtype,
          );
        }
        // each gradient is its own tensor (sharing data is fine): the caller may dispose or
        // replace one without touching another (e.g. b_ih and b_hh get the same dy from an add)
        if (handedOut.has(g)) return e.makeTensor(g, g.backendName);
        handedOut.add(g);
        return g;
      });
    });
    return { value, grads };
  } catch (error) {
    if (!sources.includes(value)) value.dispose();
    throw error;
  } finally {
    e.releaseTape(tape);
  }
}

/** `valueAndGrads(f)(xs)` → f(...xs) and d f / d xs[i] for every i. */
export function valueAndGrads(
  f: (...xs: Tensor[]) => Tensor,
): (xs: readonly Tensor[], dy?: Tensor) => { value: Tensor; grads: Tensor[] } {
  return (xs, dy) => gradients(() => f(...xs), xs, dy);
}

/** `valueAndGrad(f)(x)` → f(x) and d f / d x. */
export function valueAndGrad(
  f: (x: Tensor) => Tensor,
): (x: Tensor, dy?: Tensor) => { value: Tensor; grad: Tensor } {
  return (x, dy) => {
    const { value, grads } = gradients(() => f(x), [x], dy);
    return { value, grad: grads[0] as Tensor };
  };
}

/** `grad(f)(x)` → d f / d x (the value is disposed). */
export function grad(f: (x: Tensor) => Tensor): (x: Tensor, dy?: Tensor) => Tensor {
  return (x, dy) => {
    const { value, grad: g } = valueAndGrad(f)(x, dy);
    if (value !== x) value.dispose();
    return g;
  };
}

/** `grads(f)(xs)` → d f / d xs[i] for every i (the value is disposed). */
export function grads(
  f: (...xs: Tensor[]) => Tensor,
): (xs: readonly Tensor[], dy?: Tensor) => Tensor[] {
  return (xs, dy) => {
    const { value, grads: gs } = valueAndGrads(f)(xs, dy);
    if (!xs.includes(value)) value.dispose();
    return gs;
  };
}

/**
 * The value of `f` and its gradient with respect to trainable variables (all of `variables`, which
 * defaults to every trainable variable `f` is given): what an optimizer needs.
 */
export function variableGrads(
  f: () => Tensor,
  variables: readonly Variable[],
): { value: Tensor; grads: Map<Variable, Tensor> } {
  const trainable = variables.filter((v) => v.trainable);
  for (const v of trainable) {
    if (!(v instanceof Variable)) throw new RnnkitError("variableGrads", "expected Variables");
  }
  const { value, grads: gs } = gradients(f, trainable);
  const map = new Map<Variable, Tensor>();
  trainable.forEach((v, i) => {
    map.set(v, gs[i] as Tensor);
  });
  return { value, grads: map };
}
