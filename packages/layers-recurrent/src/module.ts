import {
  RnnkitError,
  shapeToString,
  type Tensor,
  tensor,
  type Variable,
} from "@rnnkit/core-tensor";

/** Values accepted by `loadStateDict`: tensors, or plain shape + values (as read from a file). */
export type StateDictValue = Tensor | { shape: readonly number[]; values: ArrayLike<number> };

/**
 * The contract every layer and model shares: named parameters (PyTorch's names and layouts),
 * child modules, train/eval mode, and state dicts. Optimizers read `parameters()`.
 */
export abstract class Module {
  /** Dropout and similar act only in training mode. */
  training = true;
  private readonly ownParameters = new Map<string, Variable>();
  private readonly childModules = new Map<string, Module>();
  /** Children whose parameters appear without a prefix (PyTorch's flat `weight_ih_l1_reverse`). */
  private readonly flattened = new Set<string>();

  /** The layer's name, used in error messages. */
  constructor(readonly name: string) {}

  protected registerParameter(name: string, value: Variable): Variable {
    if (this.ownParameters.has(name))
      throw new RnnkitError(this.name, `parameter "${name}" registered twice`);
    this.ownParameters.set(name, value);
    return value;
  }

  protected registerModule<M extends Module>(
    name: string,
    module: M,
    options: { flatten?: boolean } = {},
  ): M {
    if (this.childModules.has(name))
      throw new RnnkitError(this.name, `module "${name}" registered twice`);
    this.childModules.set(name, module);
    if (options.flatten) this.flattened.add(name);
    return module;
  }

  /** Parameters with dotted names, children first-level prefixed (`encoder.weight_ih_l0`). */
  namedParameters(prefix = ""): [string, Variable][] {
    const out: [string, Variable][] = [];
    for (const [name, v] of this.ownParameters) out.push([prefix + name, v]);
    for (const [name, child] of this.childModules) {
      out.push(...child.namedParameters(this.flattened.has(name) ? prefix : `${prefix}${name}.`));
    }
    return out;
  }

  parameters(): Variable[] {
    return this.namedParameters().map(([, v]) => v);
  }

  /** Child modules with their names. */
  children(): [string, Module][] {
    return [...this.childModules];
  }

  /** Number of scalar parameters. */
  parameterCount(): number {
    return this.parameters().reduce((n, v) => n + v.size, 0);
  }

  train(mode = true): this {
    this.training = mode;
    for (const child of this.childModules.values()) child.train(mode);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** The parameters by name. The tensors are the live variables: read, don't dispose. */
  stateDict(): Record<string, Tensor> {
    return Object.fromEntries(this.namedParameters());
  }

  /**
   * Copies values into the parameters. With `strict` (default) every parameter must be present
   * and no extra key may appear; shapes must match exactly. The error names the layer and the key.
   */
  loadStateDict(dict: Record<string, StateDictValue>, options: { strict?: boolean } = {}): void {
    const strict = options.strict ?? true;
    const named = new Map(this.namedParameters());
    if (strict) {
      const missing = [...named.keys()].filter((k) => !(k in dict));
      const unexpected = Object.keys(dict).filter((k) => !named.has(k));
      if (missing.length || unexpected.length) {
        throw new RnnkitError(
          `${this.name}.loadStateDict`,
          `keys differ: missing [${missing.join(", ")}], unexpected [${unexpected.join(", ")}]`,
        );
      }
    }
    for (const [key, v] of named) {
      const value = dict[key];
      if (value === undefined) continue;
      const shape = value.shape;
      if (shape.length !== v.shape.length || shape.some((d, i) => d !== v.shape[i])) {
        throw new RnnkitError(
          `${this.name}.loadStateDict`,
          `"${key}" must be ${shapeToString(v.shape)}, got ${shapeToString(shape)}`,
        );
      }
      const values = "dataSync" in value ? value.dataSync() : Float64Array.from(value.values);
      const t = tensor(values, [...v.shape], v.dtype);
      v.assign(t);
      t.dispose();
    }
  }

  /** Frees every parameter. */
  dispose(): void {
    for (const v of this.parameters()) v.dispose();
  }
}
