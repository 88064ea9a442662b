import {
  add,
  type Dtype,
  gather,
  matMul,
  matMulBias,
  type Rng,
  type Tensor,
  transpose,
  type Variable,
  variable,
} from "@rnnkit/core-tensor";
import { glorotUniform } from "../initializers/glorot-uniform.js";
import type { Initializer } from "../initializers/initializer.js";
import { orthogonal } from "../initializers/orthogonal.js";
import { pytorchRnnUniform } from "../initializers/uniform.js";
import { zerosInitializer } from "../initializers/zeros-initializer.js";
import { Module } from "../module.js";

/** Which library's defaults the weights start from. */
export type InitPreset = "pytorch" | "keras";

export interface CellOptions {
  inputSize: number;
  hiddenSize: number;
  /** Add bias_ih and bias_hh (default true). */
  bias?: boolean;
  /** Appended to every parameter name (`_l1_reverse` in a stacked layer). */
  suffix?: string;
  /** Initial weights like PyTorch (U(±1/√H), default) or Keras (Glorot, orthogonal, zeros, forget bias 1). */
  init?: InitPreset;
  dtype?: Dtype;
  rng?: Rng;
  name?: string;
}

/**
 * A recurrent cell: what one time step computes. The input part of every gate is computed for all
 * time steps at once by `projectInput` (one large matrix product), and `step` adds the recurrent
 * part. Parameters use PyTorch's names and layouts: weight_ih [G·H, I], weight_hh [G·H, H],
 * bias_ih [G·H], bias_hh [G·H], gates stacked in PyTorch's order.
 */
export abstract class RecurrentCell extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  /** Number of gate blocks G stacked in the weights (1 RNN, 4 LSTM, 3 GRU). */
  readonly gateCount: number;
  /** Number of state tensors: 1 (h) or 2 (h, c). */
  abstract readonly stateCount: number;
  readonly dtype: Dtype;
  protected readonly suffix: string;
  /** weight_ih [G·H, I] */
  readonly weightIh: Variable;
  /** weight_hh [G·H, H] */
  readonly weightHh: Variable;
  /** bias_ih [G·H] (absent with `bias: false`) */
  readonly biasIh: Variable | undefined;
  /** bias_hh [G·H] */
  readonly biasHh: Variable | undefined;

  /**
   * Creates the four parameters in PyTorch's order, from the preset (PyTorch: all U(±1/√H);
   * Keras: Glorot kernel, orthogonal recurrent kernel, zero biases) unless a cell overrides the
   * bias initializers (the LSTM's forget-gate bias).
   */
  constructor(
    kind: string,
    options: CellOptions,
    gateCount: number,
    biasInits: { biasIh?: Initializer; biasHh?: Initializer } = {},
  ) {
    super(options.name ?? kind);
    this.inputSize = options.inputSize;
    this.hiddenSize = options.hiddenSize;
    this.gateCount = gateCount;
    this.dtype = options.dtype ?? "float32";
    this.suffix = options.suffix ?? "";
    const G = gateCount * this.hiddenSize;
    const keras = options.init === "keras";
    const uniform = pytorchRnnUniform(this.hiddenSize);
    const rng = options.rng;
    this.weightIh = this.makeParameter(
      "weight_ih",
      [G, this.inputSize],
      keras ? glorotUniform : uniform,
      rng,
    );
    this.weightHh = this.makeParameter(
      "weight_hh",
      [G, this.hiddenSize],
      keras ? orthogonal() : uniform,
      rng,
    );
    const biasDefault = keras ? zerosInitializer : uniform;
    const withBias = options.bias ?? true;
    this.biasIh = withBias
      ? this.makeParameter("bias_ih", [G], biasInits.biasIh ?? biasDefault, rng)
      : undefined;
    this.biasHh = withBias
      ? this.makeParameter("bias_hh", [G], biasInits.biasHh ?? biasDefault, rng)
      : undefined;
  }

  protected makeParameter(name: string, shape: number[], init: Initializer, rng?: Rng): Variable {
    const value = init(shape, { dtype: this.dtype, rng });
    const v = variable(value, { name: `${this.name}.${name}${this.suffix}` });
    value.dispose();
    return this.registerParameter(name + this.suffix, v);
  }

  /**
   * The input part of every gate for a batch of inputs x [N, I] → [N, G·H]. `bias` defaults to
   * `inputBias()` (pass one computed beforehand to skip recomputing it every step).
   */
  projectInput(x: Tensor, bias: Tensor | undefined = this.inputBias()): Tensor {
    // W_x x_t (+ biases that sit outside any gate product), the bias as the product's start
    return bias === undefined
      ? matMul(x, this.weightIh, false, true)
      : matMulBias(x, this.weightIh, bias, false, true);
  }

  /**
   * The projected input of int32 indices [B] in [0, I): `projectInput(oneHot(indices, I))` without
   * the product, W_ih·e_c = column c of W_ih → [B, G·H]. Differentiable.
   */
  projectIndices(indices: Tensor): Tensor {
    // gather(W_ih [G·H, I], c, axis 1) is [G·H, B]: the columns, as rows
    const columns = transpose(gather(this.weightIh, indices, 1));
    const bias = this.inputBias();
    return bias === undefined ? columns : add(columns, bias);
  }

  /**
   * The projected input of every index at once, [I, G·H]: row c = W_ih·e_c + bias =
   * `projectInput` of the one-hot row e_c. Index input then is a row gather of this table.
   */
  inputTable(): Tensor {
    const table = transpose(this.weightIh);
    const bias = this.inputBias();
    return bias === undefined ? table : add(table, bias);
  }

  /** The bias added to the projected input (b_ih + b_hh by default), [G·H]. */
  inputBias(): Tensor | undefined {
    if (this.biasIh === undefined || this.biasHh === undefined) return this.biasIh ?? this.biasHh;
    return add(this.biasIh, this.biasHh);
  }

  /** One time step: projected input [B, G·H] and states [B, H] each → new states (h first). */
  abstract step(xProj: Tensor, states: readonly Tensor[]): Tensor[];

  /**
   * All T steps at once, when the cell has a whole-sequence op (same results as T `step`s): the
   * projected input [B, T, G·H] and initial states → outputs [B, T, H] and final states, or
   * undefined (then the caller steps).
   */
  sequence(
    _xProj: Tensor,
    _states: readonly Tensor[],
    _goBackwards: boolean,
  ): { outputs: Tensor; states: Tensor[] } | undefined {
    return undefined;
  }
}
