import type { TypedArray } from "@rnnkit/core-tensor";

/** Below this many elements a plain loop beats creating a subarray view for `set`. */
const SET_THRESHOLD = 32;

/** dst[dstStart + i] = src[srcStart + i] for i < length (same typed-array class). */
export function copyRun(
  src: TypedArray,
  srcStart: number,
  dst: TypedArray,
  dstStart: number,
  length: number,
): void {
  if (length >= SET_THRESHOLD) {
    dst.set(src.subarray(srcStart, srcStart + length), dstStart);
    return;
  }
  for (let i = 0; i < length; i++) dst[dstStart + i] = src[srcStart + i] as number;
}
