import { RnnkitError, Tensor } from "@rnnkit/core-tensor";

/** Reads logits (a tensor's values, or an array) as float64, checking they are usable. */
export function readLogits(where: string, logits: ArrayLike<number> | Tensor): Float64Array {
  let values: ArrayLike<number>;
  if (logits instanceof Tensor) {
    if (logits.isDisposed) throw new RnnkitError(where, `logits ${logits.toString()} is disposed`);
    values = logits.dataSync();
  } else if (logits !== null && typeof logits === "object" && typeof logits.length === "number") {
    values = logits;
  } else {
    throw new RnnkitError(
      where,
      `logits must be a Tensor or an array of numbers, got ${logits === null ? "null" : typeof logits}`,
    );
  }
  if (values.length === 0) throw new RnnkitError(where, "logits are empty");
  const out = Float64Array.from(values);
  let masked = 0;
  for (let i = 0; i < out.length; i++) {
    const v = out[i] as number;
    if (Number.isNaN(v) || v === Number.POSITIVE_INFINITY) {
      throw new RnnkitError(
        where,
        `logit ${i} is ${v}; logits must be finite (−Infinity masks a symbol)`,
      );
    }
    if (v === Number.NEGATIVE_INFINITY) masked++;
  }
  if (masked === out.length) {
    throw new RnnkitError(where, "every logit is −Infinity: no symbol can be sampled");
  }
  return out;
}
