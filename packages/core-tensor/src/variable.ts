import { engine } from "./engine.js";
import { RnnkitError, shapeToString } from "./errors.js";
import { Tensor } from "./tensor.js";

/**
 * A mutable tensor: a trainable parameter (or optimizer state). `tidy` never disposes it;
 * `assign` points it at new values of the same shape and dtype.
 */
export class Variable extends Tensor {
  readonly name: string;
  trainable: boolean;

  /** @internal use `variable()` */
  constructor(initial: Tensor, name: string, trainable: boolean) {
    super(initial, initial.backendName, engine().nextId());
    this.name = name;
    this.trainable = trainable;
    engine().adopt(this, false);
  }

  /** Replaces the values. The variable takes its own reference to `value`'s data. */
  assign(value: Tensor): void {
    if (
      value.dtype !== this.dtype ||
      value.shape.length !== this.shape.length ||
      value.shape.some((d, i) => d !== this.shape[i])
    ) {
      throw new RnnkitError(
        `Variable "${this.name}".assign`,
        `expected ${this.dtype} ${shapeToString(this.shape)}, got ${value.dtype} ${shapeToString(value.shape)}`,
      );
    }
    engine().replaceData(this, value, value.backendName);
  }
}

let unnamed = 0;

/** Creates a variable holding a copy of `initial`'s data (the data is shared, not copied). */
export function variable(
  initial: Tensor,
  options: { name?: string; trainable?: boolean } = {},
): Variable {
  return new Variable(initial, options.name ?? `variable_${unnamed++}`, options.trainable ?? true);
}
