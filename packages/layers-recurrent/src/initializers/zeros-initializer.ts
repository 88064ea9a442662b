import { fill } from "@rnnkit/core-tensor";
import type { Initializer } from "./initializer.js";

export const zerosInitializer: Initializer = (shape, options = {}) => fill(shape, 0, options.dtype);

/** A constant. */
export function constantInitializer(value: number): Initializer {
  return (shape, options = {}) => fill(shape, value, options.dtype);
}
