import { getGlobalRng, Rng, RnnkitError } from "@rnnkit/core-tensor";

/** A generator from a seed, a generator (used as is), or the global one when neither is given. */
export function toRng(where: string, rngOrSeed: Rng | number | undefined): Rng {
  if (rngOrSeed === undefined) return getGlobalRng();
  if (rngOrSeed instanceof Rng) return rngOrSeed;
  if (typeof rngOrSeed === "number" && Number.isInteger(rngOrSeed)) return new Rng(rngOrSeed);
  throw new RnnkitError(where, `expected an Rng or an integer seed, got ${String(rngOrSeed)}`);
}
