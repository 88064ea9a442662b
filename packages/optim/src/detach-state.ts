import { detach, Tensor } from "@rnnkit/core-tensor";

/**
 * A copy of a recurrent state (a tensor, or arrays / plain objects of them) cut from every gradient
 * tape: the same values, no data copied, and no gradient flows back through it. Other values are
 * kept as they are.
 */
export function detachState<S>(state: S): S {
  if (state instanceof Tensor) return detach(state) as S;
  if (Array.isArray(state)) return state.map((s) => detachState(s)) as S;
  if (
    state !== null &&
    typeof state === "object" &&
    Object.getPrototypeOf(state) === Object.prototype
  ) {
    return Object.fromEntries(
      Object.entries(state).map(([key, value]) => [key, detachState(value)]),
    ) as S;
  }
  return state;
}
