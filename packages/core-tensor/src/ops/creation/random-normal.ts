import { allocate, type Dtype } from "../../dtype.js";
import { engine } from "../../engine.js";
import { getGlobalRng, type Rng } from "../../random/rng.js";
import type { Tensor } from "../../tensor.js";
import { sizeFromShape } from "../../util/shape.js";
import { assertShape } from "./fill.js";

export interface RandomOptions {
  dtype?: Dtype;
  /** The generator to draw from (default: the global one, see `setSeed`). */
  rng?: Rng;
}

/** Normal samples with the given mean and standard deviation. */
export function randomNormal(
  shape: readonly number[],
  mean = 0,
  std = 1,
  options: RandomOptions = {},
): Tensor {
  assertShape("randomNormal", shape);
  const dtype = options.dtype ?? "float32";
  const rng = options.rng ?? getGlobalRng();
  const values = allocate(dtype, sizeFromShape(shape));
  for (let i = 0; i < values.length; i++) values[i] = mean + std * rng.nextNormal();
  return engine().makeTensorFromValues(values, shape, dtype);
}
