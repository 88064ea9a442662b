import { allocate } from "../../dtype.js";
import { engine } from "../../engine.js";
import { getGlobalRng } from "../../random/rng.js";
import type { Tensor } from "../../tensor.js";
import { sizeFromShape } from "../../util/shape.js";
import { assertShape } from "./fill.js";
import type { RandomOptions } from "./random-normal.js";

/** Uniform samples in [low, high). */
export function randomUniform(
  shape: readonly number[],
  low = 0,
  high = 1,
  options: RandomOptions = {},
): Tensor {
  assertShape("randomUniform", shape);
  const dtype = options.dtype ?? "float32";
  const rng = options.rng ?? getGlobalRng();
  const values = allocate(dtype, sizeFromShape(shape));
  const span = high - low;
  for (let i = 0; i < values.length; i++) values[i] = low + span * rng.next();
  return engine().makeTensorFromValues(values, shape, dtype);
}
