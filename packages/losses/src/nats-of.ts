import { RnnkitError, Tensor } from "@rnnkit/core-tensor";

/** Reads a mean cross-entropy given as a number or a one-element tensor. */
export function natsOf(where: string, value: number | Tensor): number {
  if (typeof value === "number") return value;
  if (value instanceof Tensor && value.size === 1 && !value.isDisposed) {
    return value.dataSync()[0] as number;
  }
  throw new RnnkitError(
    where,
    `expected a number or a one-element tensor, got ${value instanceof Tensor ? value.toString() : typeof value}`,
  );
}
