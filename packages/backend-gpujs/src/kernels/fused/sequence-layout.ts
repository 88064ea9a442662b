import type { Dtype, TensorInfo } from "@rnnkit/core-tensor";
import type { GpujsBackend } from "../../backend-gpujs.js";
import { at, divide, flatIndex } from "../source.js";

/**
 * Sequence helpers shared by the fused sequence kernels. Step s works on input position
 * t = s, or T−1−s with `goBackwards` (an involution: s = t ↔ t = s backwards too).
 */
export interface SequenceGeometry {
  B: number;
  T: number;
  goBackwards: boolean;
}

/** The input position of processing step `s` (an integer expression). */
export function position(s: string, { T, goBackwards }: SequenceGeometry): string {
  return goBackwards ? `(${T - 1} - ${s})` : s;
}

/**
 * One launch reordering rows of width W between the batch-major input layout [B,T,W] and the
 * processing order [T,B,W]: `toSteps` gives out[s,b,k] = in[b,t(s),k], otherwise
 * out[b,t,k] = in[s(t),b,k].
 */
export function reorderSteps(
  backend: GpujsBackend,
  input: TensorInfo,
  width: number,
  geometry: SequenceGeometry,
  toSteps: boolean,
  dtype: Dtype,
): TensorInfo {
  const { B, T } = geometry;
  const W = width;
  // exact past 2^24 values (float32 integers end there), for B·T below 2^22
  const source = toSteps
    ? `function (a) {
  ${divide("this.thread.x", W, "r", "k")}
  ${divide("r", B, "s", "b")}
  return ${at("a", backend.offset(input), flatIndex(`b * ${T} + ${position("s", geometry)}`, W, "k"))};
}`
    : `function (a) {
  ${divide("this.thread.x", W, "r", "k")}
  ${divide("r", T, "b", "t")}
  return ${at("a", backend.offset(input), flatIndex(`${position("t", geometry)} * ${B} + b`, W, "k"))};
}`;
  const shape = toSteps ? [T, B, W] : [B, T, W];
  return backend.run({ source, size: B * T * W }, [input], shape, dtype);
}

/** Launches and copies below this much work per step (B·H² multiply-adds) fuse a step into one launch. */
export const FUSED_STEP_WORK = 1 << 24;
