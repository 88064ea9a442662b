import type { Tensor } from "@rnnkit/core-tensor";
import { natsOf } from "./nats-of.js";

/**
 * Bits per character from a mean per-character cross-entropy in nats: BPC = H / ln 2.
 * Accepts a number or a one-element tensor.
 * @example bitsPerCharacter(Math.log(256)) // 8: a uniform guess among 256 bytes
 */
export function bitsPerCharacter(meanCrossEntropyNats: number | Tensor): number {
  return natsOf("bitsPerCharacter", meanCrossEntropyNats) / Math.LN2;
}
