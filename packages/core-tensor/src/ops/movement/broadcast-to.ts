import { RnnkitError, shapeToString } from "../../errors.js";
import type { Tensor } from "../../tensor.js";
import { broadcastShapes, sameShape } from "../../util/shape.js";
import { zeros } from "../creation/zeros.js";
import { add } from "../elementwise/add.js";

/** Repeats `x` along its size-1 (or missing leading) axes to `shape`. Composite: x + zeros(shape). */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(x.shape, shape)) return x;
  const target = broadcastShapes("broadcastTo", x.shape, shape);
  if (!sameShape(target, shape)) {
    throw new RnnkitError(
      "broadcastTo",
      `cannot broadcast ${shapeToString(x.shape)} to ${shapeToString(shape)}`,
    );
  }
  const z = zeros(shape, x.dtype);
  const out = add(x, z);
  z.dispose();
  return out;
}
