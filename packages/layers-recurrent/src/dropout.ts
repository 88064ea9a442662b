import {
  allocate,
  getGlobalRng,
  mul,
  type Rng,
  RnnkitError,
  type Tensor,
  tensor,
} from "@rnnkit/core-tensor";

/**
 * Inverted dropout: each element is zeroed with probability `rate` and the rest are scaled by
 * 1/(1 − rate), so evaluation needs no rescaling. Draws from `rng` (default: the global one).
 */
export function dropout(x: Tensor, rate: number, rng: Rng = getGlobalRng()): Tensor {
  if (!(rate >= 0 && rate < 1))
    throw new RnnkitError("dropout", `rate must be in [0, 1), got ${rate}`);
  if (rate === 0) return x;
  const keep = 1 - rate;
  const mask = allocate(x.dtype, x.size);
  for (let i = 0; i < mask.length; i++) mask[i] = rng.next() < keep ? 1 / keep : 0;
  const m = tensor(mask, [...x.shape], x.dtype);
  const out = mul(x, m);
  m.dispose();
  return out;
}
