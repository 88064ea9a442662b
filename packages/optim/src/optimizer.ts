import {
  RnnkitError,
  shapeToString,
  Tensor,
  tensor,
  tidy,
  Variable,
  variable,
} from "@rnnkit/core-tensor";

/** One state tensor of one parameter, as plain numbers (JSON-safe, exact for float32 and float64). */
export interface SlotState {
  shape: number[];
  dtype: "float32" | "float64";
  values: number[];
}

/** What an optimizer keeps for one parameter: its own step count and its slots (e.g. Adam's m, v). */
export interface ParameterState {
  step: number;
  slots: Record<string, SlotState>;
}

/** `optimizer.stateDict()`: everything needed to resume exactly (parameters are saved apart). */
export interface OptimizerState {
  /** The optimizer class, e.g. "Adam"; `loadStateDict` refuses another one. */
  type: string;
  learningRate: number;
  /** Number of `step()` calls. */
  stepCount: number;
  /** One entry per parameter, in the order given to the constructor; null until it had a gradient. */
  parameters: (ParameterState | null)[];
}

/** Slot tensors of one parameter, by name. */
export type Slots = Record<string, Tensor>;

interface LiveState {
  step: number;
  slots: Map<string, Variable>;
}

/**
 * Base of every optimizer: holds the parameters, the learning rate (settable, for schedules), and
 * per-parameter state kept in non-trainable variables on the backend. A subclass only writes
 * `update`: the new parameter and slot values from the old ones, with ops.
 */
export abstract class Optimizer {
  /** The class name used in errors and state dicts ("SGD", "Adam", …). */
  readonly type: string;
  readonly params: readonly Variable[];
  /** Number of `step()` calls so far. */
  stepCount = 0;
  private rate: number;
  private readonly states: (LiveState | undefined)[];

  constructor(type: string, params: readonly Variable[], learningRate: number) {
    this.type = type;
    if (!Array.isArray(params) || params.some((p) => !(p instanceof Variable))) {
      throw new RnnkitError(type, "params must be an array of Variables");
    }
    if (new Set(params).size !== params.length) {
      throw new RnnkitError(type, "params lists a variable twice");
    }
    this.params = [...params];
    this.rate = checkLearningRate(type, learningRate);
    this.states = params.map(() => undefined);
  }

  get learningRate(): number {
    return this.rate;
  }

  set learningRate(value: number) {
    this.rate = checkLearningRate(this.type, value);
  }

  /**
   * New values of a parameter and its slots. `slots` is undefined on the parameter's first step
   * (the subclass creates them, as PyTorch does lazily); `step` counts from 1.
   */
  protected abstract update(
    param: Tensor,
    grad: Tensor,
    slots: Slots | undefined,
    step: number,
  ): { param: Tensor; slots: Slots };

  /**
   * Applies one update to every parameter that has a gradient in `grads` (others are skipped, like
   * PyTorch's params whose .grad is None). Grads are read, not disposed.
   */
  step(grads: ReadonlyMap<Variable, Tensor>): void {
    this.stepCount++;
    this.params.forEach((param, i) => {
      const grad = grads.get(param);
      if (grad === undefined) return;
      if (
        !(grad instanceof Tensor) ||
        grad.isDisposed ||
        grad.dtype !== param.dtype ||
        grad.rank !== param.rank ||
        grad.shape.some((d, k) => d !== param.shape[k])
      ) {
        throw new RnnkitError(
          `${this.type}.step`,
          `the gradient of "${param.name}" must be ${param.dtype} ${shapeToString(param.shape)}, got ${grad instanceof Tensor ? `${grad.dtype} ${shapeToString(grad.shape)}${grad.isDisposed ? " (disposed)" : ""}` : typeof grad}`,
        );
      }
      tidy(() => {
        const state = this.states[i];
        const step = (state?.step ?? 0) + 1;
        const current = state === undefined ? undefined : Object.fromEntries(state.slots);
        const next = this.update(param, grad, current, step);
        if (state === undefined) {
          const slots = new Map<string, Variable>();
          for (const [name, value] of Object.entries(next.slots)) {
            slots.set(name, variable(value, { name: `${param.name}/${name}`, trainable: false }));
          }
          this.states[i] = { step, slots };
        } else {
          for (const [name, value] of Object.entries(next.slots)) {
            const slot = state.slots.get(name);
            if (slot === undefined) {
              state.slots.set(
                name,
                variable(value, { name: `${param.name}/${name}`, trainable: false }),
              );
            } else if (slot !== value) {
              slot.assign(value);
            }
          }
          state.step = step;
        }
        if (next.param !== param) param.assign(next.param);
      });
    });
  }

  /** A plain copy of the optimizer's state (slot values, step counts, learning rate). */
  stateDict(): OptimizerState {
    return {
      type: this.type,
      learningRate: this.rate,
      stepCount: this.stepCount,
      parameters: this.states.map((state) => {
        if (state === undefined) return null;
        const slots: Record<string, SlotState> = {};
        for (const [name, slot] of state.slots) {
          slots[name] = {
            shape: [...slot.shape],
            dtype: slot.dtype as "float32" | "float64",
            values: Array.from(slot.dataSync()),
          };
        }
        return { step: state.step, slots };
      }),
    };
  }

  /** Restores a `stateDict()` (same optimizer class, same parameter list) exactly. */
  loadStateDict(state: OptimizerState): void {
    const where = `${this.type}.loadStateDict`;
    if (state === null || typeof state !== "object") {
      throw new RnnkitError(where, `expected a state dict object, got ${String(state)}`);
    }
    if (state.type !== this.type) {
      throw new RnnkitError(where, `the state is from ${String(state.type)}, not ${this.type}`);
    }
    if (!Array.isArray(state.parameters) || state.parameters.length !== this.params.length) {
      throw new RnnkitError(
        where,
        `expected state for ${this.params.length} parameters, got ${Array.isArray(state.parameters) ? state.parameters.length : "none"}`,
      );
    }
    // Check everything before changing anything.
    state.parameters.forEach((entry, i) => {
      if (entry === null) return;
      const param = this.params[i] as Variable;
      for (const [name, slot] of Object.entries(entry.slots)) {
        const size = slot.shape.reduce((n, d) => n * d, 1);
        if (
          slot.dtype !== param.dtype ||
          slot.shape.length !== param.rank ||
          slot.shape.some((d, k) => d !== param.shape[k]) ||
          slot.values.length !== size
        ) {
          throw new RnnkitError(
            where,
            `slot "${name}" of parameter ${i} ("${param.name}") must be ${param.dtype} ${shapeToString(param.shape)}, got ${slot.dtype} ${shapeToString(slot.shape)} with ${slot.values.length} values`,
          );
        }
      }
    });
    this.disposeSlots();
    state.parameters.forEach((entry, i) => {
      if (entry === null) return;
      const param = this.params[i] as Variable;
      const slots = new Map<string, Variable>();
      for (const [name, slot] of Object.entries(entry.slots)) {
        tidy(() => {
          const value = tensor(slot.values, slot.shape, slot.dtype);
          slots.set(name, variable(value, { name: `${param.name}/${name}`, trainable: false }));
        });
      }
      this.states[i] = { step: entry.step, slots };
    });
    this.rate = checkLearningRate(where, state.learningRate);
    this.stepCount = state.stepCount;
  }

  /** Frees the slot variables (the parameters are the caller's). */
  dispose(): void {
    this.disposeSlots();
  }

  private disposeSlots(): void {
    this.states.forEach((state, i) => {
      if (state === undefined) return;
      for (const slot of state.slots.values()) slot.dispose();
      this.states[i] = undefined;
    });
  }
}

function checkLearningRate(where: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RnnkitError(where, `learningRate must be a finite number ≥ 0, got ${String(value)}`);
  }
  return value;
}
