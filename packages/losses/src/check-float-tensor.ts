import { RnnkitError, shapeToString, Tensor } from "@rnnkit/core-tensor";

/** Checks that `x` is a live float tensor; the error names the loss and the argument. */
export function checkFloatTensor(where: string, name: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) {
    throw new RnnkitError(where, `${name} must be a Tensor, got ${x === null ? "null" : typeof x}`);
  }
  if (x.isDisposed) throw new RnnkitError(where, `${name} ${x.toString()} is disposed`);
  if (x.dtype === "int32") {
    throw new RnnkitError(
      where,
      `${name} must be float32 or float64, got int32 ${shapeToString(x.shape)}`,
    );
  }
  return x;
}
