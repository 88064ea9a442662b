import type { Tensor } from "@rnnkit/core-tensor";
import { natsOf } from "./nats-of.js";

/**
 * Perplexity from a mean cross-entropy in nats (what `crossEntropy` returns): PPL = e^H.
 * Accepts a number or a one-element tensor.
 * @example perplexity(Math.log(4)) // 4: as uncertain as a uniform pick among 4 tokens
 */
export function perplexity(meanCrossEntropyNats: number | Tensor): number {
  return Math.exp(natsOf("perplexity", meanCrossEntropyNats));
}
